using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Storage;

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

    /// <summary>Existence checks of chunks in flight at once: each is a store lookup, and most of a lookup is waiting.</summary>
    internal const int ChecksInFlight = 16;

    /// <summary>
    /// Fetches, verifies and stores every chunk the files need that we lack; throws before any tree change when one is
    /// refused or missing. <paramref name="otherEntries"/> (symlinks, deletions) need no content: they count as done at once.
    /// </summary>
    private async Task FetchChunksAsync(
        HttpClient http, PeerRecord peer, string token, List<PeerFileChange> files, int otherEntries, PullProgress progress, CancellationToken cancellationToken)
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

        var ordered = estimates.Keys.Order(StringComparer.Ordinal).ToArray();
        var ids = new byte[ordered.Length][];
        for (var i = 0; i < ordered.Length; i++)
        {
            if (!ObjectBytes.TryParseHash(ordered[i], out var bytes))
            {
                throw new PeerPullFailedException($"Peer {peer.NodeId} sent a malformed chunk hash: {ordered[i]}");
            }

            ids[i] = bytes;
        }

        // The checks run several at once; the answers land by index, so the batches keep the sorted order.
        var present = new bool[ordered.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ordered.Length),
            new ParallelOptions { MaxDegreeOfParallelism = ChecksInFlight, CancellationToken = cancellationToken },
            async (i, token2) => present[i] = await store.ContainsAsync(ids[i], token2).ConfigureAwait(false)).ConfigureAwait(false);
        var missing = new List<string>();
        for (var i = 0; i < ordered.Length; i++)
        {
            if (!present[i])
            {
                missing.Add(ordered[i]);
            }
        }

        var tracker = new EntryTracker(files, missing, progress);
        progress.SetTotals(files.Count + otherEntries, missing.Sum(h => estimates[h]));
        progress.AddEntries(otherEntries);
        progress.Phase = "chunks";

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
            (hashes, token2) => new ValueTask(FetchBatchAsync(http, peer, token, hashes, tracker, token2))).ConfigureAwait(false);
    }

    private async Task FetchBatchAsync(HttpClient http, PeerRecord peer, string token, List<string> hashes, EntryTracker tracker, CancellationToken cancellationToken)
    {
        var asked = new HashSet<string>(hashes, StringComparer.Ordinal);
        var received = new HashSet<string>(StringComparer.Ordinal);
        var stores = new List<(string Hash, Task<bool> Stored)>(hashes.Count);
        try
        {
            using var request = ChunksRequest(peer, token, hashes);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge && hashes.Count > 1)
            {
                var half = hashes.Count / 2;
                await FetchBatchAsync(http, peer, token, hashes[..half], tracker, cancellationToken).ConfigureAwait(false);
                await FetchBatchAsync(http, peer, token, hashes[half..], tracker, cancellationToken).ConfigureAwait(false);
                return;
            }

            await EnsureSuccessAsync(response, peer, cancellationToken).ConfigureAwait(false);
            // Each chunk is re-hashed and stored on the thread pool as soon as it is in: the puts reach the store's queue
            // while the rest of the answer streams in, and share its group commits.
            void Store(string hash, byte[] id, ReadOnlyMemory<byte> data)
            {
                if (asked.Contains(hash) && received.Add(hash))
                {
                    Observability.SyncMetrics.ChunkReceived(data.Length);
                    stores.Add((hash, Task.Run(
                        async () =>
                        {
                            var ok = await store.PutVerifiedChunkAsync(id, data, cancellationToken).ConfigureAwait(false);
                            if (ok)
                            {
                                tracker.Stored(hash, data.Length);
                            }

                            return ok;
                        },
                        cancellationToken)));
                }
            }

            if (string.Equals(response.Content.Headers.ContentType?.MediaType, ChunkFrames.MediaType, StringComparison.OrdinalIgnoreCase))
            {
                await ReadFramesAsync(response, peer, Store, peerOptions.Value.MaxChunksAnswerBytes, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // A peer of another implementation answers the contract's base64 JSON whatever we accept.
                var body = await PeerBodies.ReadJsonAsync<PeerChunksResponse>(response, peerOptions.Value.MaxChunksAnswerBytes, Json, $"Peer {peer.NodeId}'s /sync/chunks answer", cancellationToken).ConfigureAwait(false);
                foreach (var chunk in body?.Chunks ?? [])
                {
                    var hash = chunk.Hash.ToLowerInvariant();
                    if (!ObjectBytes.TryParseHash(hash, out var id))
                    {
                        throw new PeerPullFailedException($"Peer {peer.NodeId} sent chunk {hash} whose content does not match its hash");
                    }

                    Store(hash, id, chunk.Data);
                }
            }
        }
        finally
        {
            // Never leave puts running past a failed batch: the pull's failure is reported once they have settled.
            await Task.WhenAll(stores.Select(static s => (Task)s.Stored)).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }

        foreach (var (hash, stored) in stores)
        {
            if (!await stored.ConfigureAwait(false))
            {
                throw new PeerPullFailedException($"Peer {peer.NodeId} sent chunk {hash} whose content does not match its hash");
            }
        }

        var absent = hashes.FirstOrDefault(h => !received.Contains(h));
        if (absent is not null)
        {
            throw new PeerPullFailedException($"Peer {peer.NodeId} did not send chunk {absent}");
        }
    }

    /// <summary>A <c>/sync/chunks</c> request that asks for frames (<see cref="ChunkFrames"/>) unless turned off, and takes JSON too.</summary>
    private HttpRequestMessage ChunksRequest(PeerRecord peer, string token, List<string> hashes)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, peer.Address.TrimEnd('/') + "/sync/chunks")
        {
            Content = JsonContent.Create(new PeerChunksRequest(hashes), options: Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (peerOptions.Value.ChunkFrames)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ChunkFrames.MediaType));
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.5));
        return request;
    }

    /// <summary>Reads frames until the body ends; a frame cut short or of an impossible length fails the pull.</summary>
    private static async Task ReadFramesAsync(HttpResponseMessage response, PeerRecord peer, Action<string, byte[], ReadOnlyMemory<byte>> store, long maxAnswerBytes, CancellationToken cancellationToken)
    {
        await using var body = await PeerBodies.OpenAsync(response, maxAnswerBytes, $"Peer {peer.NodeId}'s /sync/chunks answer", cancellationToken).ConfigureAwait(false);
        var header = new byte[ChunkFrames.HeaderLength];
        while (true)
        {
            var read = await body.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(ChunkFrames.IdLength));
            if (read < header.Length || length < 0 || length > ChunkFrames.MaxChunkLength)
            {
                throw new PeerPullFailedException($"Peer {peer.NodeId} sent a malformed /sync/chunks frame");
            }

            var data = new byte[length];
            if (await body.ReadAtLeastAsync(data, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < length)
            {
                throw new PeerPullFailedException($"Peer {peer.NodeId} ended a /sync/chunks frame early");
            }

            var id = header.AsSpan(0, ChunkFrames.IdLength).ToArray();
            store(Convert.ToHexStringLower(id), id, data);
        }
    }
}
