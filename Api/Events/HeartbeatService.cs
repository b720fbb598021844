using AeorDb.Grains.Interfaces;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Events;

/// <summary>
/// Emits <c>heartbeat</c> every <see cref="ApiOptions.HeartbeatInterval"/>, aligned to wall-clock multiples of
/// it (CONTRACT §6.3): the first beat waits for the next boundary, and every later wait runs to the boundary
/// after the beat just sent, so a late wake-up shortens the next sleep. Beats start once the node's id is
/// known (the host sets it from the cluster grain at start-up): a heartbeat never names node 0.
/// </summary>
internal sealed partial class HeartbeatService(
    IEventPublisher publisher,
    IHybridClock clock,
    TimeProvider timeProvider,
    IOptions<ApiOptions> options,
    ILogger<HeartbeatService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Math.Max(1, (long)options.Value.HeartbeatInterval.TotalMilliseconds);
        LogStarting(logger, interval);
        var target = HeartbeatSchedule.NextBoundary(Now(), interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = Now();
            if (now < target)
            {
                // A timer may fire a little early; the loop then waits out the rest instead of beating off the boundary.
                await Task.Delay(TimeSpan.FromMilliseconds(target - now), timeProvider, stoppingToken).ConfigureAwait(false);
                continue;
            }

            // After a stall longer than an interval the missed beats are skipped, not sent in a burst.
            var intent = HeartbeatSchedule.IntentTime(now, interval);
            Beat(now, interval);
            target = intent + interval;
        }
    }

    private void Beat(long now, long interval)
    {
        var nodeId = clock.NodeId;
        if (nodeId == 0)
        {
            return;
        }

        // The testing-only offset shifts only what peers see of this node's clock, never the schedule.
        var shown = now + (long)options.Value.HeartbeatClockOffset.TotalMilliseconds;
        var beat = new HeartbeatClock(HeartbeatSchedule.IntentTime(shown, interval), shown, nodeId);
        publisher.Publish(NodeEvent.Create(EventTypes.Heartbeat, now, EventUsers.System, new HeartbeatPayload(beat)));
    }

    private long Now() => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Heartbeats every {IntervalMs} ms, aligned to the wall clock")]
    private static partial void LogStarting(ILogger logger, long intervalMs);
}
