using AeorDb.Silo.CommandLine;
using Xunit;

namespace AeorDb.Tests.Silo;

/// <summary>The peer link flags: <c>--peer-ca-file</c> (flag or <c>[server.tls] peer_ca_file</c>), the hidden testing-only <c>--clock-offset-ms</c>, and <c>--peers</c> deduplication.</summary>
public sealed class PeerLinkCommandLineTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("aeordb-cli-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void PeerLink_Defaults_NoCaAndNoOffset()
    {
        var options = Start("start");

        Assert.Null(options.PeerLink.PeerCaFile);
        Assert.Equal(TimeSpan.Zero, options.PeerLink.ClockOffset);
    }

    [Fact]
    public void PeerCaFile_FromConfigOrFlag_FlagWinsAndTildeExpands()
    {
        var config = Path.Combine(_home, "aeordb.toml");
        File.WriteAllText(config, "[server]\ntls.peer_ca_file = \"/etc/aeordb/peers-ca.pem\"\n");

        Assert.Equal("/etc/aeordb/peers-ca.pem", Start("start", "-c", config).PeerLink.PeerCaFile);
        Assert.Equal(Path.Combine(_home, "ca.pem"), Start("start", "-c", config, "--peer-ca-file", "~/ca.pem").PeerLink.PeerCaFile);
    }

    [Fact]
    public void ClockOffset_IsParsedButHiddenFromHelp()
    {
        Assert.Equal(TimeSpan.FromSeconds(-60), Start("start", "--clock-offset-ms", "-60000").PeerLink.ClockOffset);

        var help = Parse("start", "--help");
        Assert.Contains("--peer-ca-file", help.Output);
        Assert.DoesNotContain("--clock-offset-ms", help.Output);
    }

    [Fact]
    public void Peers_SameAddressTwice_IsOnePeer()
    {
        var options = Start("start", "--allow-insecure-peers", "--peers", "http://c:6830, http://c:6830/,https://d:6830");

        Assert.Equal(["http://c:6830", "https://d:6830"], options.Peers);
    }

    private NodeOptions Start(params string[] args)
    {
        var outcome = Parse(args);
        Assert.True(outcome.Options is not null, outcome.Error);
        return outcome.Options!;
    }

    private CommandLineOutcome Parse(params string[] args) => AeorDbCommandLine.Parse(args, _ => null, _home, "1.0.0");
}
