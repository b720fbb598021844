using AeorDb.Api.SystemRoutes;
using Xunit;

namespace AeorDb.Tests.Api.SystemRoutes;

public sealed class StartupPhaseTests
{
    [Fact]
    public void Describe_WhileStarting_ReportsPhaseProgressAndElapsed()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-01-02T03:04:05Z"));
        var phase = new StartupPhase(time);
        time.Now += TimeSpan.FromMilliseconds(1500);
        phase.Advance("cluster", "Loading the node identity", 0.6);

        var body = phase.Describe("1.2.3");

        Assert.Equal(StartupState.Starting, phase.State);
        Assert.Equal("starting", body.Status);
        Assert.Equal("cluster", body.Phase);
        Assert.Equal("1.2.3", body.Version);
        Assert.Equal("2026-01-02T03:04:05.000Z", body.StartedAt);
        Assert.Equal("2026-01-02T03:04:06.500Z", body.UpdatedAt);
        Assert.Equal(0.6, body.Progress);
        Assert.Null(body.Eta);
        Assert.Equal(1500, body.ElapsedMs);
    }

    [Fact]
    public void Fail_AfterProgress_ReportsFailedBody()
    {
        var phase = new StartupPhase(TimeProvider.System);
        phase.Fail("Start-up failed");

        var body = phase.Describe("1.2.3");

        Assert.Equal(StartupState.Failed, phase.State);
        Assert.Equal("failed", body.Status);
        Assert.Equal("startup_failed", body.Phase);
    }

    [Fact]
    public void Complete_AfterStart_Serves()
    {
        var phase = new StartupPhase(TimeProvider.System);
        phase.Complete();

        Assert.Equal(StartupState.Serving, phase.State);
    }

    [Theory]
    [InlineData(2.0, 2.0, "healthy")]
    [InlineData(-1.0, 2.0, "degraded")]
    [InlineData(-1.0, -1.0, "unhealthy")]
    public void DiskUsage_Thresholds_PickStatus(double degraded, double unhealthy, string expected)
    {
        Assert.Equal(expected, DiskUsage.Status(Path.GetTempPath(), degraded, unhealthy));
    }

    [Fact]
    public void DiskUsage_TempDirectory_IsAFraction()
    {
        var used = DiskUsage.UsedRatio(Path.GetTempPath());

        Assert.InRange(used, 0.0, 1.0);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
