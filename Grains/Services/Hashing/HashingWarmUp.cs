using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AeorDb.Grains.Services.Hashing;

/// <summary>
/// Brings the BLAKE3 code of the write path to the JIT's optimized tier once the node has started, so a fresh node's
/// first large upload is not hashed by unoptimized code. The Blake3 package is managed SIMD code shipped as IL: its
/// small hot methods (<c>Mix</c>, <c>Compress16</c>, the rotations) start at tier 0, where every vector operation is a
/// call, and reach tier 1 only after being counted twice (tier 0, then the PGO-instrumented tier), each time after the
/// JIT saw 100 ms without new tier-0 work. A fresh node's first 256 MiB PUT took 2.1-3.1 CPU s, a third of its samples
/// in tier-0 BLAKE3, instead of 0.9-1.1 s (bench/RESULTS.md, "Storage engine: large PUT, CPU per byte and a fresh
/// node's first upload"). Rounds of hashing one chunk the way an upload does, <see cref="HashingWarmUpOptions.Pause"/>
/// apart, cost a few milliseconds of CPU each.
/// </summary>
internal sealed class HashingWarmUp(IHostApplicationLifetime lifetime, IOptions<HashingWarmUpOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Rounds <= 0)
        {
            return;
        }

        // Started means the host's own start-up JIT work is over: counting would otherwise be postponed behind it.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var chunk = new byte[ContentHasher.ChunkSize];
        for (var round = 0; round < settings.Rounds && !stoppingToken.IsCancellationRequested; round++)
        {
            HashLikeAnUpload(chunk);
            try
            {
                await Task.Delay(settings.Pause, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>What an upload hashes per chunk: the chunk id (both domains) and the whole-body hash fed in chunk-sized spans; and a small PUT's one-shot hashes.</summary>
    private static void HashLikeAnUpload(byte[] chunk)
    {
        _ = ContentHasher.ChunkId(chunk, system: false);
        _ = ContentHasher.ChunkId(chunk, system: true);
        _ = ContentHasher.ChunkId(chunk.AsSpan(0, 20_000), system: false);

        // A small PUT's ids and whole-body hash are one-shot hashes of a few KiB, directory nodes often under 1 KiB.
        _ = ContentHasher.ChunkId(chunk.AsSpan(0, 4_096), system: false);
        _ = ContentHasher.DirectoryId(chunk.AsSpan(0, 600));
        _ = Blake3.Hasher.Hash(chunk.AsSpan(0, 4_096));
        using var whole = Blake3.Hasher.New();
        whole.Update(chunk);
        whole.Update(chunk);
        whole.Update(chunk.AsSpan(0, 20_000));
        _ = whole.Finalize();
    }
}
