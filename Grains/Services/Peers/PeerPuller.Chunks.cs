using System.Net;
using System.Net.Http.Json;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Peers;

/// <summary>
/// Fetching the chunks a pull needs: bounded batches, split on 413, every chunk re-hashed before it is stored.
/// Up to <see cref="BatchesInFlight"/> batches are fetched at once, and a batch's chunks are verified on the
/// thread pool and queued to the store together, so the store's group commit writes them in few transactions.
/// </summary>
internal sealed partial class PeerPuller
{
    /// <summary>
    /// <c>/sync/chunks</c> requests in flight at once: while one answer is decoded and stored the peer streams the
    /// next. Memory stays bounded by this many <see cref="BatchByteBudget"/> answers.
    /// </summary>
    internal const int BatchesInFlight = 3;

    /// <summary>Fetches, verifies and stores every chunk the files need that we lack; throws before any tree change when one is refused or missing.</summary>
    private async Task FetchChunksAsync(HttpClient http, PeerRecord peer, string token, List<PeerFileChange> files, CancellationToken cancellationToken)
    {
        // Estimated raw size per chunk: every chunk but a file's last is full.
        var estimates = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var chunks = file.ChunkHashes ?? [];
            for (var i = 0; i < chunks.Count; i++)
            {
                var size = i < chunks.Count - 1 ? ChunkSize : Math.Max(0, file.Size - (long)ChunkSize * (chunks.Count - 1));
                estimates[chunks[i].ToLowerInvariant()] = Math.Min(ChunkSize, size);
            }
        }

        var missing = new List<string>();
        foreach (var hash in estimates.Keys.Order(StringComparer.Ordinal))
        {
            if (!TryParseHash(hash, out var bytes))
            {
                throw new PeerPullFailedException($"Peer {peer.NodeId} sent a malformed chunk hash: {hash}");
            }

            if (!await store.ContainsAsync(bytes, cancellationToken).ConfigureAwait(false))
            {
                missing.Add(hash);
            }
        }

        var batches = new List<List<string>>();
        var batch = new List<string>();
        long batchBytes = 0;
        foreach (var hash in missing)
        {
            if (batch.Count > 0 && (batch.Count == MaxHashesPerBatch || batchBytes + estimates[hash] > BatchByteBudget))
            {
                batches.Add(batch);
                batch = [];
                batchBytes = 0;
            }

            batch.Add(hash);
            batchBytes += estimates[hash];
        }

        if (batch.Count > 0)
        {
            batches.Add(batch);
        }

        // The first failure cancels the batches still running and is what the pull reports.
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = BatchesInFlight, CancellationToken = cancellationToken },
            (hashes, token2) => new ValueTask(FetchBatchAsync(http, peer, token, hashes, token2))).ConfigureAwait(false);
    }

    private async Task FetchBatchAsync(HttpClient http, PeerRecord peer, string token, List<string> hashes, CancellationToken cancellationToken)
    {
        PeerChunksResponse? body;
        using (var response = await SendAsync(http, peer, token, "/sync/chunks", new PeerChunksRequest(hashes), cancellationToken).ConfigureAwait(false))
        {
            if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge && hashes.Count > 1)
            {
                var half = hashes.Count / 2;
                await FetchBatchAsync(http, peer, token, hashes[..half], cancellationToken).ConfigureAwait(false);
                await FetchBatchAsync(http, peer, token, hashes[half..], cancellationToken).ConfigureAwait(false);
                return;
            }

            await EnsureSuccessAsync(response, peer, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadFromJsonAsync<PeerChunksResponse>(Json, cancellationToken).ConfigureAwait(false);
        }

        var chunks = body?.Chunks ?? [];
        var received = new HashSet<string>(StringComparer.Ordinal);
        var stores = new List<Task<bool>>(chunks.Count);
        foreach (var chunk in chunks)
        {
            var hash = chunk.Hash.ToLowerInvariant();
            if (!TryParseHash(hash, out var expected))
            {
                throw new PeerPullFailedException($"Peer {peer.NodeId} sent chunk {hash} whose content does not match its hash");
            }

            received.Add(hash);

            // Re-hashed on the thread pool; the puts reach the store's queue together and share its commits.
            stores.Add(Task.Run(() => store.PutVerifiedChunkAsync(expected, chunk.Data, cancellationToken).AsTask(), cancellationToken));
        }

        var verified = await Task.WhenAll(stores).ConfigureAwait(false);
        var bad = Array.IndexOf(verified, false);
        if (bad >= 0)
        {
            throw new PeerPullFailedException($"Peer {peer.NodeId} sent chunk {chunks[bad].Hash.ToLowerInvariant()} whose content does not match its hash");
        }

        var absent = hashes.FirstOrDefault(h => !received.Contains(h));
        if (absent is not null)
        {
            throw new PeerPullFailedException($"Peer {peer.NodeId} did not send chunk {absent}");
        }
    }

    private static bool TryParseHash(string hex, out byte[] bytes)
    {
        bytes = [];
        if (hex.Length != 64)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
