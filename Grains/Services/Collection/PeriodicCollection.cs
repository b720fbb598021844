using AeorDb.Grains.Interfaces;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeorDb.Grains.Services.Collection;

/// <summary>Runs a garbage collection every <see cref="GarbageCollectionOptions.Interval"/>; does nothing when it is unset.</summary>
internal sealed partial class PeriodicCollection(
    IGarbageCollector collector, IOptions<GarbageCollectionOptions> options, TimeProvider time, ILogger<PeriodicCollection> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Interval is not { } interval || interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await collector.CollectAsync(dryRun: false, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Logged by the collector too; the next tick tries again.
                LogTickFailed(exception);
            }
        }
    }

    [LoggerMessage(EventId = 3901, Level = LogLevel.Warning, Message = "Periodic garbage collection failed; retrying at the next interval")]
    private partial void LogTickFailed(Exception exception);
}
