using System.Buffers;
using AeorDb.Grains.Interfaces;

namespace AeorDb.Api.Storage;

/// <summary>
/// Cuts a request body into the fixed 256 KiB chunks of CONTRACT §1.4 and stores them, keeping a bounded
/// number of chunk puts in flight: a large upload is not serialised on each durable put, and memory stays
/// bounded by <see cref="MaxInFlight"/> pooled chunk buffers whatever the body size.
/// </summary>
internal sealed class ChunkUploader(IObjectStore store, ISmallFileStaging? staging = null)
{
    /// <summary>Fixed chunk size (CONTRACT §1.4).</summary>
    public const int ChunkSize = 262_144;

    /// <summary>
    /// Puts allowed in flight; each holds one rented chunk buffer (256 KiB) until it completes, so an upload holds at most
    /// 8 MiB. A put completes only once the writer's batch holding it is synced and committed, so this is how much of the
    /// body can be read and hashed while the writer waits in an fsync: with 6 (1.5 MiB) a 256 MiB upload stalled in every
    /// one of ~340 fsyncs; with 32 the writer's batches grow to ~15 chunks and ~70 fsyncs (bench/RESULTS.md, "Storage
    /// engine: large PUT throughput").
    /// </summary>
    public const int MaxInFlight = 32;

    /// <summary>
    /// Reads <paramref name="body"/> to its end (or past <paramref name="maxBytes"/>) and stores its chunks in order.
    /// The content type is <paramref name="declaredType"/> when specific, else sniffed from the head. A body that
    /// fits in one chunk is stored with its version record in one write (<see cref="ChunkedUpload.Version"/>).
    /// </summary>
    public async Task<ChunkedUpload> UploadAsync(Stream body, bool system, long maxBytes, string? declaredType, CancellationToken cancellationToken)
    {
        var hashes = new List<string>();
        var pending = new Queue<(Task<byte[]> Put, byte[] Buffer)>(MaxInFlight);
        var sniff = !ContentSniffer.IsSpecific(declaredType);
        long size = 0;
        string? sniffed = null;

        // The body is read once, in order, so its whole-file BLAKE3 (the change-event hash) costs no second pass. A body
        // of one short chunk is hashed in one shot instead: an incremental hasher's rented state, zeroed when disposed,
        // costs more than hashing 4 KiB.
        Blake3.Hasher? content = null;
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int read;
                try
                {
                    read = await body.ReadAtLeastAsync(buffer.AsMemory(0, ChunkSize), ChunkSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return ChunkedUpload.Failed(UploadFailure.BrokenStream);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }

                size += read;
                if (size > maxBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return ChunkedUpload.Failed(UploadFailure.TooLarge);
                }

                if (sniff && sniffed is null && read > 0)
                {
                    // A filled first chunk means more follows; a short one is the whole file.
                    var head = buffer.AsSpan(0, Math.Min(read, ContentSniffer.SniffLength));
                    sniffed = ContentSniffer.Sniff(head, isWhole: read <= ContentSniffer.SniffLength);
                }

                if (read < ChunkSize && hashes.Count == 0 && pending.Count == 0)
                {
                    // The whole body is this one short chunk (or nothing): one write for chunk and record.
                    var whole = Convert.ToHexStringLower(Blake3.Hasher.Hash(buffer.AsSpan(0, read)).AsSpan());
                    return await StoreSmallAsync(buffer, read, system, ContentSniffer.Resolve(declaredType, sniffed), whole, cancellationToken).ConfigureAwait(false);
                }

                content ??= Blake3.Hasher.New();
                content.Update(buffer.AsSpan(0, read));

                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                if (pending.Count == MaxInFlight)
                {
                    await CompleteOldestAsync(pending, hashes).ConfigureAwait(false);
                }

                // Hashing the chunk id and queuing the write run on the thread pool, so this thread goes on reading
                // the body (and feeding the whole-file hash) while another core hashes the chunk.
                var (chunk, length) = (buffer, read);
                pending.Enqueue((Task.Run(() => store.PutChunkAsync(chunk.AsMemory(0, length), system, cancellationToken).AsTask(), cancellationToken), buffer));
                if (read < ChunkSize)
                {
                    break;
                }
            }

            while (pending.Count > 0)
            {
                await CompleteOldestAsync(pending, hashes).ConfigureAwait(false);
            }

            var type = ContentSniffer.Resolve(declaredType, sniffed);
            return new ChunkedUpload(hashes, size, type, UploadFailure.None, Convert.ToHexStringLower(content!.Finalize().AsSpan()));
        }
        finally
        {
            content?.Dispose();

            // A buffer goes back to the pool only once its put can no longer read it.
            while (pending.TryDequeue(out var left))
            {
                try
                {
                    await left.Put.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // The failure that matters is already propagating (or the upload was abandoned).
                }

                ArrayPool<byte>.Shared.Return(left.Buffer);
            }
        }
    }

    private async Task<ChunkedUpload> StoreSmallAsync(byte[] buffer, int length, bool system, string contentType, string contentHash, CancellationToken cancellationToken)
    {
        try
        {
            // Staged, the file's objects ride in its tree commit's transaction: one durable commit for the whole PUT.
            if (staging?.TryStage(buffer.AsMemory(0, length), contentType, system) is { } staged)
            {
                return new ChunkedUpload(staged.Version.ChunkHashes, length, contentType, UploadFailure.None, contentHash, staged.Version) { Staged = staged };
            }

            var version = await store.PutSmallFileAsync(buffer.AsMemory(0, length), contentType, system, cancellationToken).ConfigureAwait(false);
            return new ChunkedUpload(version.ChunkHashes, length, contentType, UploadFailure.None, contentHash, version);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task CompleteOldestAsync(Queue<(Task<byte[]> Put, byte[] Buffer)> pending, List<string> hashes)
    {
        var (put, buffer) = pending.Peek();
        byte[] hash;
        try
        {
            hash = await put.ConfigureAwait(false);
        }
        finally
        {
            pending.Dequeue();
            ArrayPool<byte>.Shared.Return(buffer);
        }

        hashes.Add(Convert.ToHexStringLower(hash));
    }
}
