using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Services.Storage.Segments;

/// <summary>
/// The append-only segment files beside the SQLite database (<c>&lt;db&gt;.segments/NNNNNN.seg</c>) that hold the bytes
/// of large chunks. Only the store's writer appends, syncs, rolls over and retires; readers look segments up
/// concurrently. A segment is never modified once bytes in it are referenced: compaction copies live objects into the
/// current segment and unlinks the old file, so a reader holding an old location reads the same bytes or none.
/// Open-time recovery is in <c>SegmentSet.Recovery.cs</c>.
/// </summary>
internal sealed partial class SegmentSet(string directory, long maxSegmentBytes, ILogger logger, int maxWriteBytes = SegmentFile.DefaultMaxWriteBytes) : IDisposable
{
    private const string Extension = ".seg";

    private readonly ILogger _logger = logger;
    private readonly ConcurrentDictionary<long, SegmentFile> _segments = new();
    private readonly HashSet<SegmentFile> _unsynced = [];
    private SegmentFile? _current;
    private long _lastId;

    /// <summary>The directory of the segment files for a database file.</summary>
    public static string DirectoryFor(string databasePath) => databasePath + ".segments";

    public string Directory { get; } = directory;

    /// <summary>The segment appends go to; none until the first append after open or a roll-over.</summary>
    public long? CurrentId => _current?.Id;

    /// <summary>Every open segment (a snapshot), for garbage collection.</summary>
    public IReadOnlyList<SegmentFile> All => [.. _segments.Values.OrderBy(static s => s.Id)];

    /// <summary>Writer only: appends an object's bytes to the current segment, rolling over first when it would pass the size limit.</summary>
    public SegmentLocation Append(ReadOnlySpan<byte> data)
    {
        if (_current is null || (_current.Length > 0 && _current.Length + data.Length > maxSegmentBytes))
        {
            RollOver();
            _current = Create(++_lastId);
        }

        _unsynced.Add(_current);
        var offset = _current.Append(data, maxWriteBytes);
        return new SegmentLocation(_current.Id, offset, data.Length);
    }

    /// <summary>
    /// Writer only: fsyncs every segment appended to since the last call. Called before the transaction that references
    /// the bytes commits, so no committed row ever points at bytes a power loss could take.
    /// </summary>
    public void SyncAppends()
    {
        foreach (var segment in _unsynced)
        {
            segment.Sync();
        }

        _unsynced.Clear();
    }

    /// <summary>Writer only: the next append starts a new segment (the current one is kept as is).</summary>
    public void RollOver() => _current = null;

    /// <summary>
    /// Reads an object's bytes into <paramref name="destination"/> (exactly its length); false when the segment was retired
    /// meanwhile (the caller looks the object up again: it was moved or collected).
    /// </summary>
    public bool TryRead(SegmentLocation location, Span<byte> destination)
    {
        if (!_segments.TryGetValue(location.Segment, out var segment) || !segment.TryAcquire())
        {
            return false;
        }

        try
        {
            segment.Read(location.Offset, destination[..location.Length]);
            return true;
        }
        finally
        {
            segment.Release();
        }
    }

    /// <summary>
    /// Writer only, after the transaction that moved or deleted every object of the segment committed: forgets it and
    /// unlinks the file. Readers still reading it finish against the unlinked file.
    /// </summary>
    public void Retire(long id)
    {
        if (_current?.Id == id)
        {
            _current = null;
        }

        if (_segments.TryRemove(id, out var segment))
        {
            _unsynced.Remove(segment);
            try
            {
                File.Delete(segment.Path);
            }
            finally
            {
                segment.Release();
            }
        }
    }

    public void Dispose()
    {
        foreach (var id in _segments.Keys)
        {
            if (_segments.TryRemove(id, out var segment))
            {
                segment.Release();
            }
        }
    }

    private SegmentFile Create(long id)
    {
        PrivateFiles.EnsureDirectory(Directory);
        var path = PathOf(id);
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, FileOptions.None);
        PrivateFiles.Narrow(handle);

        // The file's name must be durable before any row points into it.
        DirectorySync.Sync(Directory);
        var segment = new SegmentFile(id, path, handle, 0);
        _segments[id] = segment;
        LogSegmentCreated(path);
        return segment;
    }

    private string PathOf(long id) => Path.Combine(Directory, id.ToString("D6", CultureInfo.InvariantCulture) + Extension);

    [LoggerMessage(EventId = 3160, Level = LogLevel.Debug, Message = "Segment file {SegmentPath} created")]
    private partial void LogSegmentCreated(string segmentPath);
}
