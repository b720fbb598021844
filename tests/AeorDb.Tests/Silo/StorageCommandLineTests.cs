using AeorDb.Grains.Services.Storage;
using AeorDb.Silo.CommandLine;
using Xunit;

namespace AeorDb.Tests.Silo;

/// <summary>The storage flags: <c>--durability</c>, <c>--history-keep-versions</c>, <c>--history-keep-days</c> and <c>--gc-interval-ms</c>.</summary>
public sealed class StorageCommandLineTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("aeordb-cli-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void Storage_Defaults_NormalDurabilitySixteenVersionsThirtyDaysNoPeriodicGc()
    {
        var storage = Start("start").Storage;

        Assert.Equal(Durability.Normal, storage.Durability);
        Assert.Equal(16, storage.HistoryKeepVersions);
        Assert.Equal(TimeSpan.FromDays(30), storage.HistoryKeepAge);
        Assert.Null(storage.GcInterval);
        Assert.Equal(TimeSpan.FromHours(6), storage.GcMinAge);
    }

    [Fact]
    public void Storage_AllFlags_AreStored()
    {
        var storage = Start("start", "--durability", "FULL", "--history-keep-versions", "0", "--history-keep-days", "0.5", "--gc-interval-ms", "60000", "--gc-min-age-ms", "0").Storage;

        Assert.Equal(Durability.Full, storage.Durability);
        Assert.Equal(0, storage.HistoryKeepVersions);
        Assert.Equal(TimeSpan.FromHours(12), storage.HistoryKeepAge);
        Assert.Equal(TimeSpan.FromMinutes(1), storage.GcInterval);
        Assert.Equal(TimeSpan.Zero, storage.GcMinAge);
    }

    [Fact]
    public void SegmentWriteBytes_DefaultSixteenKiB_FlagOverrides()
    {
        Assert.Equal(16 * 1024, Start("start").Storage.SegmentWriteBytes);
        Assert.Equal(262_144, Start("start", "--segment-write-bytes", "262144").Storage.SegmentWriteBytes);
    }

    [Theory]
    [InlineData("--durability", "sometimes")]
    [InlineData("--history-keep-versions", "-1")]
    [InlineData("--history-keep-days", "-2")]
    [InlineData("--gc-interval-ms", "-5")]
    [InlineData("--gc-min-age-ms", "-1")]
    [InlineData("--segment-write-bytes", "0")]
    public void Storage_BadValue_FailsWithOneLine(string flag, string value)
    {
        var outcome = Parse("start", flag, value);

        Assert.Null(outcome.Options);
        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains(flag, outcome.Error);
        Assert.DoesNotContain('\n', outcome.Error!.TrimEnd());
    }

    private NodeOptions Start(params string[] args)
    {
        var outcome = Parse(args);
        Assert.True(outcome.Options is not null, outcome.Error);
        return outcome.Options!;
    }

    private CommandLineOutcome Parse(params string[] args) => AeorDbCommandLine.Parse(args, _ => null, _home, "1.0.0");
}
