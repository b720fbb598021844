using System.Buffers;
using AeorDb.Grains.Interfaces;

namespace AeorDb.Api.Storage;

/// <summary>
/// Cuts a request body into the fixed 256 KiB chunks of CONTRACT §1.4 and stores them, keeping a bounded
/// number of chunk puts in flight: a large upload is not serialised on each durable put, and memory stays
/// bounded by <see cref="MaxInFlight"/> pooled chunk buffers whatever the body size.
/// </summary>
internal sealed class ChunkUploader(IObjectStore store)
{
    /// <summary>Fixed chunk size (CONTRACT §1.4).</summary>
    public const int ChunkSize = 262_144;

    /// <summary>Puts allowed in flight; each holds one rented chunk buffer until it completes.</summary>
    public const int MaxInFlight = 6;

    /// <summary>Reads <paramref name="body"/> to its end (or past <paramref name="maxBytes"/>) and stores its chunks in order.</summary>
    public async Task<ChunkedUpload> UploadAsync(Stream body, bool system, long maxBytes, bool sniff, CancellationToken cancellationToken)
    {
        var hashes = new List<string>();
        var pending = new Queue<(Task<byte[]> Put, byte[] Buffer)>(MaxInFlight);
        long size = 0;
        string? sniffed = null;

        // The body is read once, in order, so its whole-file BLAKE3 (the change-event hash) costs no second pass.
        using var content = Blake3.Hasher.New();
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
                if (read == 0 || size > maxBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    if (size > maxBytes)
                    {
                        return ChunkedUpload.Failed(UploadFailure.TooLarge);
                    }

                    break;
                }

                content.Update(buffer.AsSpan(0, read));
                if (sniff && sniffed is null)
                {
                    // A filled first chunk means more follows; a short one is the whole file.
                    var head = buffer.AsSpan(0, Math.Min(read, ContentSniffer.SniffLength));
                    sniffed = ContentSniffer.Sniff(head, isWhole: read <= ContentSniffer.SniffLength);
                }

                if (pending.Count == MaxInFlight)
                {
                    await CompleteOldestAsync(pending, hashes).ConfigureAwait(false);
                }

                pending.Enqueue((store.PutChunkAsync(buffer.AsMemory(0, read), system, cancellationToken).AsTask(), buffer));
                if (read < ChunkSize)
                {
                    break;
                }
            }

            while (pending.Count > 0)
            {
                await CompleteOldestAsync(pending, hashes).ConfigureAwait(false);
            }

            return new ChunkedUpload(hashes, size, sniffed, UploadFailure.None, Convert.ToHexStringLower(content.Finalize().AsSpan()));
        }
        finally
        {
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
