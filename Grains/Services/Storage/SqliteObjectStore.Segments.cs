using System.Buffers;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Storage.Segments;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// Chunks of at least <see cref="SqliteStoreOptions.SegmentThresholdBytes"/> are written once, to append-only segment
/// files beside the database (<see cref="SegmentSet"/>), instead of through the WAL and again at checkpoint; their rows
/// keep the location. The writer fsyncs the segments a batch appended to before the batch's transaction commits, in both
/// durability modes, so no committed row ever points at bytes a power loss could take. Reads are positional reads into
/// the caller's memory. Garbage collection deletes segments without live objects and compacts sparse ones.
/// </summary>
internal sealed partial class SqliteObjectStore
{
    private SegmentSet _segments = null!;
    private SegmentRows _segmentRows = null!;

    /// <summary>Writer only: the sweep of the batch being written (its segments are retired after its commit).</summary>
    private SweepWrite? _sweepRetiring;

    /// <summary>Writer only: segments emptied by committed sweeps, waiting for their commit to be on the disk.</summary>
    private readonly List<long> _retiring = [];

    /// <summary>Adds the location columns to an older database and opens the segment files (recovery) before the writer starts.</summary>
    private void OpenSegments(SqliteConnection connection)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var select = connection.CreateCommand())
        {
            select.CommandText = SqliteSegmentSql.SelectColumns;
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                columns.Add(reader.GetString(0));
            }
        }

        using (var transaction = connection.BeginTransaction(deferred: false))
        using (var alter = connection.CreateCommand())
        {
            alter.Transaction = transaction;
            if (!columns.Contains("segment"))
            {
                alter.CommandText = SqliteSegmentSql.AddColumns;
                alter.ExecuteNonQuery();
            }

            alter.CommandText = SqliteSegmentSql.CreateIndex;
            alter.ExecuteNonQuery();
            transaction.Commit();
        }

        var ends = new Dictionary<long, long>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = SqliteSegmentSql.SelectReferencedEnds;
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                ends[reader.GetInt64(0)] = reader.GetInt64(1);
            }
        }

        _segments = new SegmentSet(SegmentSet.DirectoryFor(_options.DatabasePath), _options.SegmentMaxBytes, _logger, _options.SegmentWriteBytes);
        _segments.Open(ends);
        _segmentRows = new SegmentRows(connection);
    }

    /// <summary>Writer: one object put, into a segment when it is a chunk at least the threshold long, else inline.</summary>
    private void ApplyPut(SqliteWriteSession session, ObjectWrite put)
    {
        if (put.Kind == ObjectKind.Chunk && put.Data.Length >= _options.SegmentThresholdBytes)
        {
            _segmentRows.InsertUnlessPresent(_segments, put.Hash, put.Kind, put.System, put.Data.Span);
            return;
        }

        session.InsertObject(put.Hash, put.Kind, put.System, put.Data);
    }

    /// <summary>
    /// Writer, in the sweep's transaction after its deletes: segments no row references any more are retired after the
    /// commit; segments whose live bytes fell below <see cref="SqliteStoreOptions.SegmentCompactLiveFraction"/> have
    /// their live objects copied into the current segment and their rows repointed, then are retired too. The copies
    /// are synced before the commit like any append; until the commit the old rows and files stay as they were. A segment
    /// already waiting to be retired (<see cref="_retiring"/>) holds no row and is left alone.
    /// </summary>
    private void CompactSegments(SweepWrite sweep)
    {
        var live = _segmentRows.LiveBytes();
        foreach (var segment in _segments.All.Where(s => !_retiring.Contains(s.Id)))
        {
            var liveBytes = live.GetValueOrDefault(segment.Id);
            var sparse = segment.Length > 0 && liveBytes < segment.Length * _options.SegmentCompactLiveFraction;
            if (liveBytes > 0 && !sparse)
            {
                continue;
            }

            if (segment.Id == _segments.CurrentId)
            {
                _segments.RollOver();
            }

            if (liveBytes > 0 && !CopyLiveObjects(segment, sweep))
            {
                // A damaged segment keeps its file: what could be copied was repointed, the rest stays where it was.
                continue;
            }

            sweep.RetiredSegments.Add(segment.Id);
            sweep.SegmentBytesFreed += segment.Length - liveBytes;
        }

        _sweepRetiring = sweep;
    }

    /// <summary>Copies a segment's objects into the current one; false when some could not be read (the segment is damaged).</summary>
    private bool CopyLiveObjects(SegmentFile segment, SweepWrite sweep)
    {
        var complete = true;
        foreach (var (hash, offset, length) in _segmentRows.ObjectsIn(segment.Id))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                segment.Read(offset, buffer.AsSpan(0, length));
                _segmentRows.Move(hash, _segments.Append(buffer.AsSpan(0, length)));
                sweep.SegmentBytesMoved += length;
            }
            catch (InvalidDataException exception)
            {
                LogSegmentDamaged(exception, segment.Path);
                complete = false;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return complete;
    }

    /// <summary>
    /// Writer, after a sweep committed and the checkpoint ran: the files of the segments it emptied go. A file may go only
    /// once the commit that moved or deleted its rows is on the disk, or a power loss could bring back rows pointing into
    /// a deleted file: in full durability every commit is synced; in normal durability the completed checkpoint synced
    /// it. Segments whose sweep could not be made durable yet wait for the next sweep (or the next start, which deletes
    /// files nothing references).
    /// </summary>
    private void RetireSegmentsOfSweep(bool checkpointed)
    {
        if (_sweepRetiring is { } sweep)
        {
            _retiring.AddRange(sweep.RetiredSegments);
            _sweepRetiring = null;
            if (sweep.RetiredSegments.Count > 0)
            {
                LogSegmentsCompacted(sweep.RetiredSegments.Count, sweep.SegmentBytesMoved, sweep.SegmentBytesFreed);
            }
        }

        if (!checkpointed && _options.Durability != Durability.Full)
        {
            return;
        }

        foreach (var id in _retiring)
        {
            try
            {
                _segments.Retire(id);
            }
            catch (IOException exception)
            {
                // Nothing references the file any more: the next start deletes it.
                LogSegmentNotDeleted(exception, id);
            }
        }

        _retiring.Clear();
    }

    /// <summary>
    /// Reads an object stored in a segment. A segment retired since the row was read (the object was moved by a
    /// compaction, or collected) is looked up once more: a move commits before its old file is retired.
    /// </summary>
    private async ValueTask<int> ReadSegmentAsync(byte[] key, SegmentLocation location, Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (location.Length > destination.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} bytes; the object has {location.Length}.", nameof(destination));
        }

        if (_segments.TryRead(location, destination.Span))
        {
            return location.Length;
        }

        var again = await LocateAsync(key, cancellationToken).ConfigureAwait(false);
        if (again is null)
        {
            return -1;
        }

        if (again.Value != location && _segments.TryRead(again.Value, destination.Span))
        {
            return again.Value.Length;
        }

        throw new InvalidDataException($"Segment file {again.Value.Segment} holding object {Convert.ToHexStringLower(key)} is missing.");
    }

    [LoggerMessage(EventId = 3166, Level = LogLevel.Error, Message = "Segment file {SegmentPath} is damaged: an object in it could not be read, so it is kept rather than compacted")]
    private partial void LogSegmentDamaged(Exception exception, string segmentPath);

    [LoggerMessage(EventId = 3167, Level = LogLevel.Warning, Message = "Segment file {Segment} could not be deleted after garbage collection; the next start deletes it")]
    private partial void LogSegmentNotDeleted(Exception exception, long segment);

    [LoggerMessage(EventId = 3165, Level = LogLevel.Information, Message = "Garbage collection retired {Segments} segment files: {MovedBytes} live bytes copied, {FreedBytes} bytes freed")]
    private partial void LogSegmentsCompacted(int segments, long movedBytes, long freedBytes);
}
