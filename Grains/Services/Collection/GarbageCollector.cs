using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Observability;
using AeorDb.Grains.Services.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeorDb.Grains.Services.Collection;

/// <summary>
/// The node's garbage collector (<see cref="IGarbageCollector"/>): one collection at a time per silo, over the node's
/// store with the configured retention. Callers that arrive while one runs wait for it and then run their own, so a
/// collection asked for after a delete always starts after that delete.
/// </summary>
internal sealed partial class GarbageCollector(INodeStore store, IOptions<GarbageCollectionOptions> options, ILogger<GarbageCollector> logger) : IGarbageCollector, IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task<GcResult> CollectAsync(bool dryRun, CancellationToken cancellationToken = default)
    {
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var result = await store.CollectAsync(options.Value, dryRun, cancellationToken).ConfigureAwait(false);
            if (!result.DryRun)
            {
                GcMetrics.RunCompleted(result.GarbageEntries, result.ReclaimedBytes, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }

            return result;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(exception);
            GcMetrics.RunFailed(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            throw;
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose() => _one.Dispose();

    [LoggerMessage(EventId = 3900, Level = LogLevel.Error, Message = "Garbage collection failed; nothing was deleted unless its sweep committed")]
    private partial void LogFailed(Exception exception);
}
