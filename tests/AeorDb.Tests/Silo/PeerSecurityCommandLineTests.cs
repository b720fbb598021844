using AeorDb.Silo.CommandLine;
using Xunit;

namespace AeorDb.Tests.Silo;

/// <summary>
/// Issue 13 items 6 and 10 on the command line: plain-http peer addresses to non-loopback hosts are refused unless
/// <c>--allow-insecure-peers</c> (or <c>[sync] allow_insecure_peers</c>), and the join token may come from a file or
/// <c>AEORDB_JOIN_TOKEN</c> instead of the process list.
/// </summary>
public sealed class PeerSecurityCommandLineTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("aeordb-cli-").FullName;
    private readonly Dictionary<string, string> _environment = [];

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Theory]
    [InlineData("--peers", "http://node-c.example:6830")]
    [InlineData("--peers", "https://ok.example:6830,http://10.0.0.7:6830")]
    [InlineData("--join", "http://node-a.example:6830")]
    public void PeerAddress_PlainHttpToNonLoopback_IsUsageErrorNamingTheFlag(string flag, string value)
    {
        var outcome = Parse("start", flag, value, "--join-token", "aeor_k_x");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(flag + ":", outcome.Error);
        Assert.Contains("--allow-insecure-peers", outcome.Error);
    }

    [Fact]
    public void PeerAddress_HttpsOrLoopback_IsAccepted()
    {
        var options = Start("start", "--peers", "https://c.example:6830,http://127.0.0.1:6831,http://localhost:6832,http://[::1]:6833", "--join", "http://127.0.0.2:6830", "--join-token", "aeor_k_x");

        Assert.Equal(4, options.Peers.Count);
        Assert.False(options.PeerLink.AllowInsecurePeers);
    }

    [Fact]
    public void AllowInsecurePeers_FromFlagOrConfig_AcceptsPlainHttp()
    {
        var config = Path.Combine(_home, "aeordb.toml");
        File.WriteAllText(config, "[sync]\nallow_insecure_peers = true\n");

        Assert.True(Start("start", "--allow-insecure-peers", "--peers", "http://c.example:6830").PeerLink.AllowInsecurePeers);
        Assert.True(Start("start", "-c", config, "--peers", "http://c.example:6830").PeerLink.AllowInsecurePeers);
    }

    [Fact]
    public void JoinToken_FromFile_ReadsTheFirstLine()
    {
        var file = Path.Combine(_home, "join-token");
        File.WriteAllText(file, "aeor_k_fromfile\n");

        var options = Start("start", "--join", "http://127.0.0.1:6830", "--join-token-file", file);

        Assert.Equal("aeor_k_fromfile", options.JoinToken);
    }

    [Fact]
    public void JoinToken_FromEnvironment_WhenNoFlagGiven_AndTheFlagWinsOverIt()
    {
        _environment["AEORDB_JOIN_TOKEN"] = "aeor_k_fromenv";

        Assert.Equal("aeor_k_fromenv", Start("start", "--join", "http://127.0.0.1:6830").JoinToken);
        Assert.Equal("aeor_k_flag", Start("start", "--join", "http://127.0.0.1:6830", "--join-token", "aeor_k_flag").JoinToken);
    }

    [Fact]
    public void JoinToken_FlagAndFileTogether_IsUsageError_MissingFileIsStartError()
    {
        var both = Parse("start", "--join", "http://127.0.0.1:6830", "--join-token", "aeor_k_x", "--join-token-file", Path.Combine(_home, "t"));
        var missing = Parse("start", "--join", "http://127.0.0.1:6830", "--join-token-file", Path.Combine(_home, "absent"));

        Assert.Equal(2, both.ExitCode);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("--join-token-file", missing.Error);
    }

    [Fact]
    public void Help_ListsTheNewFlags()
    {
        var help = Parse("start", "--help").Output;

        Assert.Contains("--allow-insecure-peers", help);
        Assert.Contains("--join-token-file", help);
        Assert.Contains("AEORDB_JOIN_TOKEN", help);
    }

    private NodeOptions Start(params string[] args)
    {
        var outcome = Parse(args);
        Assert.True(outcome.Options is not null, outcome.Error);
        return outcome.Options!;
    }

    private CommandLineOutcome Parse(params string[] args) => AeorDbCommandLine.Parse(args, name => _environment.GetValueOrDefault(name), _home, "1.0.0");
}
