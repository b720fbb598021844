using AeorDb.Silo.CommandLine;
using Xunit;

namespace AeorDb.Tests.Silo;

/// <summary>The operations flags (<c>--metrics-public</c>, <c>--request-log</c>, <c>--dashboard</c>, <c>--ready-min-free-disk-mb</c>) and their <c>[operations]</c> config keys.</summary>
public sealed class OperationsCommandLineTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("aeordb-cli-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void Operations_Defaults_AllOffAnd256MiB()
    {
        var operations = Start("start").Operations;

        Assert.False(operations.MetricsPublic);
        Assert.False(operations.RequestLog);
        Assert.False(operations.Dashboard);
        Assert.Equal(256L << 20, operations.ReadyMinFreeDiskBytes);
    }

    [Fact]
    public void Operations_Flags_TurnEachOn()
    {
        var operations = Start("start", "--metrics-public", "--request-log", "--dashboard", "--ready-min-free-disk-mb", "1024").Operations;

        Assert.True(operations.MetricsPublic);
        Assert.True(operations.RequestLog);
        Assert.True(operations.Dashboard);
        Assert.Equal(1024L << 20, operations.ReadyMinFreeDiskBytes);
    }

    [Fact]
    public void Operations_ConfigFile_ReadAndFlagsWin()
    {
        var config = Path.Combine(_home, "aeordb.toml");
        File.WriteAllText(config, "[operations]\nmetrics_public = true\nrequest_log = true\ndashboard = true\nready_min_free_disk_mb = 10\n");

        var fromFile = Start("start", "-c", config).Operations;
        Assert.True(fromFile.MetricsPublic && fromFile.RequestLog && fromFile.Dashboard);
        Assert.Equal(10L << 20, fromFile.ReadyMinFreeDiskBytes);
        Assert.Equal(20L << 20, Start("start", "-c", config, "--ready-min-free-disk-mb", "20").Operations.ReadyMinFreeDiskBytes);
        Assert.False(Start("start", "-c", config, "--dashboard", "false").Operations.Dashboard);
    }

    [Fact]
    public void Operations_BadValues_FailWithOneLine()
    {
        var negative = Parse("start", "--ready-min-free-disk-mb", "-1");
        Assert.Equal(1, negative.ExitCode);
        Assert.Contains("--ready-min-free-disk-mb", negative.Error);

        var config = Path.Combine(_home, "bad.toml");
        File.WriteAllText(config, "[operations]\ndashboard = \"yes\"\n");
        var wrongType = Parse("start", "-c", config);
        Assert.Equal(1, wrongType.ExitCode);
        Assert.Contains("operations.dashboard", wrongType.Error);
    }

    [Fact]
    public void Help_ListsEveryOperationsFlag()
    {
        var help = Parse("start", "--help").Output;

        Assert.Contains("--metrics-public", help);
        Assert.Contains("--request-log", help);
        Assert.Contains("--dashboard", help);
        Assert.Contains("--ready-min-free-disk-mb", help);
    }

    private NodeOptions Start(params string[] args)
    {
        var outcome = Parse(args);
        Assert.True(outcome.Options is not null, outcome.Error);
        return outcome.Options!;
    }

    private CommandLineOutcome Parse(params string[] args) => AeorDbCommandLine.Parse(args, _ => null, _home, "1.0.0");
}
