using AeorDb.Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Health;

/// <summary>
/// Whether the store can take writes: a small file is written, flushed to disk and deleted in the database's
/// directory (a read-only mount, lost permissions or a full disk fail it), and the object store answers a lookup.
/// The answer is reused for <see cref="HealthOptions.StoreProbeCacheTime"/>; concurrent callers share one probe.
/// </summary>
internal sealed class StoreProbe(IObjectStore store, IOptions<ApiOptions> api, IOptions<HealthOptions> options, TimeProvider time)
{
    private static readonly byte[] ProbeKey = new byte[32];
    private readonly Lock _gate = new();
    private Task<StoreProbeResult>? _running;
    private StoreProbeResult? _last;
    private DateTimeOffset _lastAt;

    /// <summary>The latest result, probing again once the cached one is older than the cache time.</summary>
    public Task<StoreProbeResult> CheckAsync()
    {
        TaskCompletionSource<StoreProbeResult>? owner = null;
        Task<StoreProbeResult> shared;
        lock (_gate)
        {
            if (_last is { } last && time.GetUtcNow() - _lastAt < options.Value.StoreProbeCacheTime)
            {
                return Task.FromResult(last);
            }

            if (_running is null)
            {
                owner = new TaskCompletionSource<StoreProbeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                _running = owner.Task;
            }

            shared = _running;
        }

        // Started outside the lock: a probe that completes synchronously must not find itself still running.
        if (owner is not null)
        {
            _ = RunAsync(owner);
        }

        return shared;
    }

    private async Task RunAsync(TaskCompletionSource<StoreProbeResult> owner)
    {
        var result = await ProbeAsync().ConfigureAwait(false);
        lock (_gate)
        {
            _last = result;
            _lastAt = time.GetUtcNow();
            _running = null;
        }

        owner.SetResult(result);
    }

    private async Task<StoreProbeResult> ProbeAsync()
    {
        try
        {
            await WriteProbeFileAsync().ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(options.Value.StoreProbeTimeout);
            await store.ContainsAsync(ProbeKey, timeout.Token).ConfigureAwait(false);
            return new StoreProbeResult(true, "store answers and its directory takes writes");
        }
        catch (OperationCanceledException)
        {
            return new StoreProbeResult(false, "the object store did not answer in time");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new StoreProbeResult(false, "the database directory does not take writes: " + exception.GetType().Name);
        }
        catch (Exception exception)
        {
            return new StoreProbeResult(false, "the object store failed: " + exception.GetType().Name);
        }
    }

    private async Task WriteProbeFileAsync()
    {
        var path = Path.Combine(api.Value.DataDirectory, $".aeordb-health-{Environment.ProcessId}");
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                await file.WriteAsync("ok"u8.ToArray()).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
