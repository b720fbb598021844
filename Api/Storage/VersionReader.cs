using System.Buffers;
using System.IO.Pipelines;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Storage;

/// <summary>
/// Reads a stored file version chunk by chunk. Chunks are the fixed 256 KiB of CONTRACT §1.4 (the last may
/// be shorter), so a byte offset names its chunk directly, and each chunk is read into where it goes.
/// </summary>
internal sealed class VersionReader(IObjectStore store)
{
    /// <summary>
    /// Writes <paramref name="length"/> bytes from <paramref name="start"/> of the version to a response pipe. Each chunk
    /// inside the range is read straight into the pipe's memory (a positional read from a segment file, or the blob
    /// copy of an inline chunk): no intermediate buffer. Only a chunk the range cuts (its first and last) goes through
    /// a pooled buffer.
    /// </summary>
    public async Task WriteAsync(FileVersion version, long start, long length, PipeWriter destination, CancellationToken cancellationToken)
    {
        var index = (int)(start / ChunkUploader.ChunkSize);
        var skip = (int)(start % ChunkUploader.ChunkSize);
        while (length > 0)
        {
            var chunkLength = (int)Math.Min(ChunkUploader.ChunkSize, version.Size - ((long)index * ChunkUploader.ChunkSize));
            var take = (int)Math.Min(chunkLength - skip, length);
            if (take <= 0)
            {
                throw new InvalidDataException($"File version {version.Hash} is shorter than its recorded size.");
            }

            if (skip == 0 && take == chunkLength)
            {
                var memory = destination.GetMemory(chunkLength);
                var read = await ReadChunkAsync(version, index, memory[..chunkLength], cancellationToken).ConfigureAwait(false);
                destination.Advance(Expect(version, index, read, chunkLength));
            }
            else
            {
                var buffer = ArrayPool<byte>.Shared.Rent(chunkLength);
                try
                {
                    var read = await ReadChunkAsync(version, index, buffer.AsMemory(0, chunkLength), cancellationToken).ConfigureAwait(false);
                    Expect(version, index, read, chunkLength);
                    destination.Write(buffer.AsSpan(skip, take));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }

            var flushed = await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                return;
            }

            length -= take;
            index++;
            skip = 0;
        }
    }

    /// <summary>The whole content of a (small) version.</summary>
    public async Task<byte[]> ReadAllAsync(FileVersion version, CancellationToken cancellationToken)
    {
        // Each chunk is read straight into its place in the result: no pooled buffer, no copy.
        var content = new byte[version.Size];
        for (var index = 0; (long)index * ChunkUploader.ChunkSize < content.Length; index++)
        {
            var offset = index * ChunkUploader.ChunkSize;
            var chunkLength = Math.Min(ChunkUploader.ChunkSize, content.Length - offset);
            var read = await ReadChunkAsync(version, index, content.AsMemory(offset, chunkLength), cancellationToken).ConfigureAwait(false);
            Expect(version, index, read, chunkLength);
        }

        return content;
    }

    private static int Expect(FileVersion version, int index, int read, int expected) =>
        read == expected ? read : throw new InvalidDataException($"Chunk {version.ChunkHashes[index]} of file version {version.Hash} holds {read} bytes; its place in the file needs {expected}.");

    private async Task<int> ReadChunkAsync(FileVersion version, int index, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (index >= version.ChunkHashes.Count)
        {
            throw new InvalidDataException($"File version {version.Hash} has fewer chunks than its size needs.");
        }

        var read = await store.ReadAsync(Convert.FromHexString(version.ChunkHashes[index]), buffer, cancellationToken).ConfigureAwait(false);
        return read >= 0 ? read : throw new InvalidDataException($"Chunk {version.ChunkHashes[index]} of file version {version.Hash} is missing.");
    }
}
