using System.Net;
using AeorDb.Silo.CommandLine;
using Xunit;

namespace AeorDb.Tests.Silo;

/// <summary>The scale-out flags of <c>aeordb start</c>.</summary>
public sealed class ScaleOutCommandLineTests
{
    private readonly Dictionary<string, string> _environment = [];

    [Fact]
    public void Start_NoScaleOutFlags_RunsEmbedded()
    {
        var options = Start("start");

        Assert.False(options.ScaleOut.Enabled);
        Assert.Null(options.ScaleOut.MembershipProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ScaleOut.PeerWatchInterval);
    }

    [Fact]
    public void Start_ScaleOutFlags_AreStored()
    {
        var options = Start(
            "start", "--cluster-db", "Host=db;Database=aeordb;Username=u", "--silo-address", "10.0.0.7",
            "--membership-probe-timeout-ms", "1000", "--peer-watch-interval-ms", "250");

        Assert.True(options.ScaleOut.Enabled);
        Assert.Equal("Host=db;Database=aeordb;Username=u", options.ScaleOut.ClusterDb);
        Assert.Equal(IPAddress.Parse("10.0.0.7"), options.ScaleOut.SiloAddress);
        Assert.Equal(TimeSpan.FromSeconds(1), options.ScaleOut.MembershipProbeTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.ScaleOut.PeerWatchInterval);
    }

    [Fact]
    public void Start_ClusterDbFromEnvironment_WhenNoFlag()
    {
        _environment[AeorDbCommandLine.ClusterDbVariable] = "Host=from-env";

        Assert.Equal("Host=from-env", Start("start").ScaleOut.ClusterDb);
        Assert.Equal("Host=flag", Start("start", "--cluster-db", "Host=flag").ScaleOut.ClusterDb);
    }

    [Theory]
    [InlineData("start", "--cluster-db", "NoSuchKeyword=1")]
    [InlineData("start", "--silo-address", "db.internal")]
    [InlineData("start", "--silo-address", "0.0.0.0")]
    [InlineData("start", "--membership-probe-timeout-ms", "0")]
    [InlineData("start", "--peer-watch-interval-ms", "-5")]
    public void Parse_BadScaleOutValue_ExitsOneWithOneLine(params string[] args)
    {
        var outcome = Parse(args);

        Assert.Null(outcome.Options);
        Assert.Equal(1, outcome.ExitCode);
        Assert.DoesNotContain('\n', outcome.Error!);
    }

    [Fact]
    public void Help_ListsTheScaleOutFlags()
    {
        var help = Parse("start", "--help").Output!;

        Assert.Contains("--cluster-db", help);
        Assert.Contains("--membership-probe-timeout-ms", help);
        Assert.Contains("--peer-watch-interval-ms", help);
        Assert.Contains("--silo-address", help);
    }

    private NodeOptions Start(params string[] args) =>
        Parse(args).Options ?? throw new InvalidOperationException(Parse(args).Error);

    private CommandLineOutcome Parse(params string[] args) =>
        AeorDbCommandLine.Parse(args, name => _environment.GetValueOrDefault(name), Path.GetTempPath(), "9.8.7");
}
