using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Services.Storage.Segments;

/// <summary>Open-time recovery: what the files hold against what the database references.</summary>
internal sealed partial class SegmentSet
{
    /// <summary>
    /// Opens the segment files before the writer starts. <paramref name="referencedEnds"/> is, per segment, the end of
    /// the last byte a row references. Bytes past it were appended by a transaction that never committed (a crash
    /// between the append and the commit): they are cut off. A file with no referenced byte is deleted. A file shorter
    /// than its references lost data outside this process (its objects fail to read, loudly); nothing is appended to it.
    /// Appends continue in the newest intact segment while it has room.
    /// </summary>
    public void Open(IReadOnlyDictionary<long, long> referencedEnds)
    {
        PrivateFiles.EnsureDirectory(Directory);
        long newestIntact = 0;
        foreach (var (id, path) in ListFiles())
        {
            _lastId = Math.Max(_lastId, id);
            var end = referencedEnds.GetValueOrDefault(id);
            if (end == 0)
            {
                File.Delete(path);
                LogUnreferencedSegmentDeleted(path);
                continue;
            }

            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            PrivateFiles.Narrow(handle);
            var segment = new SegmentFile(id, path, handle, RandomAccess.GetLength(handle));
            _segments[id] = segment;
            if (segment.Length > end)
            {
                LogTailTruncated(path, segment.Length - end, end);
                segment.Truncate(end);
                segment.Sync();
            }

            if (segment.Length < end)
            {
                LogSegmentShort(path, segment.Length, end);
                continue;
            }

            newestIntact = id;
        }

        foreach (var (id, end) in referencedEnds)
        {
            _lastId = Math.Max(_lastId, id);
            if (!_segments.ContainsKey(id))
            {
                LogSegmentMissing(PathOf(id), end);
            }
        }

        // Only the newest segment may take appends: an older intact one is sealed (it may be compacted later).
        if (newestIntact == _lastId && _segments.TryGetValue(newestIntact, out var newest) && newest.Length < maxSegmentBytes)
        {
            _current = newest;
        }
    }

    private IEnumerable<(long Id, string Path)> ListFiles()
    {
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*" + Extension))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                yield return (id, path);
            }
        }
    }

    [LoggerMessage(EventId = 3161, Level = LogLevel.Warning, Message = "Segment file {SegmentPath}: {Bytes} unreferenced bytes past offset {End} (an append whose commit never happened) were cut off")]
    private partial void LogTailTruncated(string segmentPath, long bytes, long end);

    [LoggerMessage(EventId = 3162, Level = LogLevel.Error, Message = "Segment file {SegmentPath} holds {Length} bytes but the database references bytes up to {End}: objects past its end were lost and fail to read")]
    private partial void LogSegmentShort(string segmentPath, long length, long end);

    [LoggerMessage(EventId = 3163, Level = LogLevel.Error, Message = "Segment file {SegmentPath} is missing but the database references bytes up to {End}: its objects fail to read")]
    private partial void LogSegmentMissing(string segmentPath, long end);

    [LoggerMessage(EventId = 3164, Level = LogLevel.Information, Message = "Segment file {SegmentPath} held no referenced object and was deleted")]
    private partial void LogUnreferencedSegmentDeleted(string segmentPath);
}
