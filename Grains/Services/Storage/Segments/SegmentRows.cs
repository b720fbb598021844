using AeorDb.Grains.Interfaces.Models;
using Microsoft.Data.Sqlite;

namespace AeorDb.Grains.Services.Storage.Segments;

/// <summary>
/// The writer connection's statements for objects stored in segment files. Only the writer loop touches it, inside
/// its group transaction (<see cref="Enlist"/>).
/// </summary>
internal sealed class SegmentRows : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _exists;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _move;
    private readonly SqliteCommand _objectsIn;
    private readonly SqliteCommand _liveBytes;

    public SegmentRows(SqliteConnection connection)
    {
        _connection = connection;
        _exists = _connection.Prepare(SqliteSegmentSql.SelectObjectExists, ("$hash", SqliteType.Blob));
        _insert = _connection.Prepare(
            SqliteSegmentSql.InsertObject,
            ("$hash", SqliteType.Blob),
            ("$kind", SqliteType.Integer),
            ("$system", SqliteType.Integer),
            ("$segment", SqliteType.Integer),
            ("$offset", SqliteType.Integer),
            ("$length", SqliteType.Integer));
        _move = _connection.Prepare(SqliteSegmentSql.MoveObject, ("$segment", SqliteType.Integer), ("$offset", SqliteType.Integer), ("$hash", SqliteType.Blob));
        _objectsIn = _connection.Prepare(SqliteSegmentSql.SelectSegmentObjects, ("$segment", SqliteType.Integer));
        _liveBytes = _connection.Prepare(SqliteSegmentSql.SelectLiveBytes);
    }

    public void Enlist(SqliteTransaction transaction)
    {
        _exists.Transaction = transaction;
        _insert.Transaction = transaction;
        _move.Transaction = transaction;
        _objectsIn.Transaction = transaction;
        _liveBytes.Transaction = transaction;
    }

    /// <summary>
    /// Stores an object's bytes in the current segment and its row, unless its hash is stored already: the lookup
    /// comes first here (one index probe) so a repeated upload does not append its bytes again.
    /// </summary>
    public void InsertUnlessPresent(SegmentSet segments, byte[] hash, ObjectKind kind, bool system, ReadOnlySpan<byte> data)
    {
        _exists.Parameters[0].Value = hash;
        if (_exists.ExecuteScalar() is not null)
        {
            return;
        }

        var location = segments.Append(data);
        var parameters = _insert.Parameters;
        parameters[0].Value = hash;
        parameters[1].Value = (long)kind;
        parameters[2].Value = system ? 1L : 0L;
        parameters[3].Value = location.Segment;
        parameters[4].Value = location.Offset;
        parameters[5].Value = (long)location.Length;
        _insert.ExecuteNonQuery();
    }

    /// <summary>Points an object's row at its copy.</summary>
    public void Move(byte[] hash, SegmentLocation location)
    {
        _move.Parameters[0].Value = location.Segment;
        _move.Parameters[1].Value = location.Offset;
        _move.Parameters[2].Value = hash;
        _move.ExecuteNonQuery();
    }

    /// <summary>The objects stored in a segment, in file order.</summary>
    public List<(byte[] Hash, long Offset, int Length)> ObjectsIn(long segment)
    {
        _objectsIn.Parameters[0].Value = segment;
        var objects = new List<(byte[], long, int)>();
        using var reader = _objectsIn.ExecuteReader();
        while (reader.Read())
        {
            objects.Add(((byte[])reader.GetValue(0), reader.GetInt64(1), reader.GetInt32(2)));
        }

        return objects;
    }

    /// <summary>Per segment, the bytes rows still reference (segments without any are absent).</summary>
    public Dictionary<long, long> LiveBytes()
    {
        var live = new Dictionary<long, long>();
        using var reader = _liveBytes.ExecuteReader();
        while (reader.Read())
        {
            live[reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return live;
    }

    public void Dispose()
    {
        _exists.Dispose();
        _insert.Dispose();
        _move.Dispose();
        _objectsIn.Dispose();
        _liveBytes.Dispose();
    }
}
