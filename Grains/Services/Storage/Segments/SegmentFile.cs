using Microsoft.Win32.SafeHandles;

namespace AeorDb.Grains.Services.Storage.Segments;

/// <summary>
/// One open segment file, shared by the writer (appends at <see cref="Length"/>) and every reader (positional reads,
/// which are safe concurrently on one handle). The set holds one reference; each reader takes one for the duration of
/// its read. Retiring drops the set's reference and unlinks the file: readers that took a reference before finish
/// against the unlinked file (its bytes never change), later ones find the segment gone and look the object up again.
/// </summary>
internal sealed class SegmentFile(long id, string path, SafeFileHandle handle, long length)
{
    private int _references = 1;

    public long Id { get; } = id;

    public string Path { get; } = path;

    /// <summary>Bytes in the file: the append position. Only the writer moves it.</summary>
    public long Length { get; private set; } = length;

    /// <summary>Takes a reader's reference; false once the segment is retired (and its handle closed or closing).</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Gives back a reference; the last one closes the handle.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            handle.Dispose();
        }
    }

    /// <summary>Reads exactly <paramref name="destination"/>'s length at <paramref name="offset"/>; a file that ends first is damaged.</summary>
    public void Read(long offset, Span<byte> destination)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var read = RandomAccess.Read(handle, destination[done..], offset + done);
            if (read == 0)
            {
                throw new InvalidDataException(
                    $"Segment file {Path} ends at byte {offset + done}, before the {destination.Length} bytes stored at {offset}: the file was truncated.");
            }

            done += read;
        }
    }

    /// <summary>Largest single write of an append unless the set says otherwise (<see cref="SqliteStoreOptions.SegmentWriteBytes"/>).</summary>
    public const int DefaultMaxWriteBytes = 16 * 1024;

    /// <summary>
    /// Writer only: appends <paramref name="data"/> in writes of at most <paramref name="maxWriteBytes"/>, starts its disk
    /// write (<see cref="WriteBehind"/>) and returns the offset it starts at.
    /// </summary>
    public long Append(ReadOnlySpan<byte> data, int maxWriteBytes = DefaultMaxWriteBytes)
    {
        var offset = Length;
        var piece = Math.Max(1, maxWriteBytes);
        for (var done = 0; done < data.Length; done += piece)
        {
            RandomAccess.Write(handle, data.Slice(done, Math.Min(piece, data.Length - done)), offset + done);
        }

        Length = offset + data.Length;
        WriteBehind.Start(handle, offset, data.Length);
        return offset;
    }

    /// <summary>Writer only: fsyncs the file's bytes (and its size) to the disk.</summary>
    public void Sync() => RandomAccess.FlushToDisk(handle);

    /// <summary>Open-time recovery only (no reader yet): cuts the file back to <paramref name="length"/> bytes.</summary>
    public void Truncate(long length)
    {
        RandomAccess.SetLength(handle, length);
        Length = length;
    }
}
