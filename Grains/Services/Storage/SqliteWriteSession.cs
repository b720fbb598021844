using System.Data;
using System.Runtime.InteropServices;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Storage.Engine;
using Microsoft.Data.Sqlite;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// The store's one writer connection and its prepared statements: the SQLite side of a tree commit
/// (<see cref="ICommitStatements"/>, each row run at once). Only the writer loop touches it, so it needs no locking;
/// SQLite allows one writer per file anyway, and a single connection lets the loop batch many puts into one
/// transaction (group commit).
/// </summary>
internal sealed class SqliteWriteSession : ICommitStatements, IDisposable
{
    private readonly SqliteCommand _insertObject;
    private readonly SqliteCommand _insertZeroBlob;
    private readonly SqliteCommand _upsertCatalog;
    private readonly SqliteCommand _deleteCatalog;
    private readonly SqliteCommand _insertHistory;
    private readonly SqliteCommand _insertRoot;
    private readonly SqliteCommand _selectHead;
    private readonly SqliteCommand _upsertDeletion;
    private readonly SqliteCommand _deleteDeletion;
    private readonly SqliteCommand _insertReference;

    public SqliteWriteSession(SqliteConnection connection)
    {
        Connection = connection;
        _insertObject = Connection.Prepare(SqliteStoreSql.InsertObject, ("$hash", SqliteType.Blob), ("$kind", SqliteType.Integer), ("$system", SqliteType.Integer), ("$data", SqliteType.Blob));
        _insertZeroBlob = Connection.Prepare(SqliteStoreSql.InsertObjectZeroBlob, ("$hash", SqliteType.Blob), ("$kind", SqliteType.Integer), ("$system", SqliteType.Integer), ("$length", SqliteType.Integer));
        _upsertCatalog = PrepareEntry(SqliteStoreSql.UpsertCatalog);
        _insertHistory = PrepareEntry(SqliteStoreSql.InsertHistory);
        _deleteCatalog = Connection.Prepare(SqliteStoreSql.DeleteCatalog, ("$path", SqliteType.Text));
        _insertRoot = Connection.Prepare(SqliteStoreSql.InsertRoot, ("$root_hash", SqliteType.Blob), ("$committed_at", SqliteType.Integer));
        _selectHead = Connection.Prepare(SqliteStoreSql.SelectHeadRoot);
        _upsertDeletion = PrepareEntry(SqliteStoreSql.UpsertDeletion);
        _deleteDeletion = Connection.Prepare(SqliteStoreSql.DeleteDeletion, ("$path", SqliteType.Text));
        _insertReference = Connection.Prepare(SqliteStoreSql.InsertReference, ("$hash", SqliteType.Blob), ("$path", SqliteType.Text));
    }

    public SqliteConnection Connection { get; }

    private SqliteCommand PrepareEntry(string sql) =>
        Connection.Prepare(
            sql,
            ("$path", SqliteType.Text),
            ("$kind", SqliteType.Integer),
            ("$hash", SqliteType.Blob),
            ("$size", SqliteType.Integer),
            ("$content_type", SqliteType.Text),
            ("$target", SqliteType.Text),
            ("$created_at", SqliteType.Integer),
            ("$updated_at", SqliteType.Integer),
            ("$virtual_time", SqliteType.Integer),
            ("$node_id", SqliteType.Integer));

    /// <summary>Starts a group transaction (BEGIN IMMEDIATE: takes the write lock up front, so SQLite's busy handler waits for it instead of failing a later upgrade) and enlists the statements.</summary>
    public SqliteTransaction Begin()
    {
        var transaction = Connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        _insertObject.Transaction = transaction;
        _insertZeroBlob.Transaction = transaction;
        _upsertCatalog.Transaction = transaction;
        _deleteCatalog.Transaction = transaction;
        _insertHistory.Transaction = transaction;
        _insertRoot.Transaction = transaction;
        _selectHead.Transaction = transaction;
        _upsertDeletion.Transaction = transaction;
        _deleteDeletion.Transaction = transaction;
        _insertReference.Transaction = transaction;
        return transaction;
    }

    /// <summary>Inserts an object unless its hash is already stored (ids are content hashes, so equal ids mean equal bytes).</summary>
    public void InsertObject(byte[] hash, ObjectKind kind, bool system, ReadOnlyMemory<byte> data)
    {
        if (MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length)
        {
            // The caller's array is exactly the object: bind it as is, no copy on our side.
            SetObjectKey(_insertObject, hash, kind, system);
            _insertObject.Parameters[3].Value = segment.Array;
            _insertObject.ExecuteNonQuery();
            return;
        }

        // A slice (a pooled buffer, a part of a larger array): reserve the row at its final length and
        // stream the bytes into it through the blob API instead of copying them into a new array.
        SetObjectKey(_insertZeroBlob, hash, kind, system);
        _insertZeroBlob.Parameters[3].Value = (long)data.Length;
        if (_insertZeroBlob.ExecuteNonQuery() == 0 || data.Length == 0)
        {
            return;
        }

        using var blob = new SqliteBlob(Connection, "aeor_objects", "data", LastInsertRowId(), readOnly: false);
        blob.Write(data.Span);
    }

    public ValueTask<bool> TryMoveHeadAsync(string? baseRootHash, byte[] root, long committedAt) =>
        // The write lock is held (BEGIN IMMEDIATE), so the HEAD read here stays HEAD; the root row moves it (InsertRoot).
        ValueTask.FromResult(string.Equals(ReadHead(), baseRootHash, StringComparison.OrdinalIgnoreCase));

    public ValueTask<string?> ReadHeadAsync() => ValueTask.FromResult(ReadHead());

    public ValueTask InsertObjectsAsync(IReadOnlyList<NewObject> objects)
    {
        foreach (var obj in objects)
        {
            InsertObject(obj.Hash, obj.Kind, obj.System, obj.Data);
        }

        return ValueTask.CompletedTask;
    }

    public void UpsertCatalog(IReadOnlyList<FileEntry> entries) => ExecuteEach(_upsertCatalog, entries);

    public void ClearDeletions(IReadOnlyList<FileEntry> entries)
    {
        foreach (var entry in entries)
        {
            _deleteDeletion.Parameters[0].Value = entry.Path;
            _deleteDeletion.ExecuteNonQuery();
        }
    }

    public void InsertHistory(IReadOnlyList<FileEntry> entries) => ExecuteEach(_insertHistory, entries);

    public void InsertReferences(IReadOnlyList<ObjectReference> references)
    {
        foreach (var reference in references)
        {
            _insertReference.Parameters[0].Value = reference.Hash;
            _insertReference.Parameters[1].Value = reference.Path;
            _insertReference.ExecuteNonQuery();
        }
    }

    public void DeleteCatalog(IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            _deleteCatalog.Parameters[0].Value = path;
            _deleteCatalog.ExecuteNonQuery();
        }
    }

    public void InsertRoot(byte[] root, long committedAt)
    {
        _insertRoot.Parameters[0].Value = root;
        _insertRoot.Parameters[1].Value = committedAt;
        _insertRoot.ExecuteNonQuery();
    }

    public void UpsertDeletions(IReadOnlyList<FileEntry> tombstones) => ExecuteEach(_upsertDeletion, tombstones);

    /// <summary>Every statement ran when it was called.</summary>
    public ValueTask FlushAsync() => ValueTask.CompletedTask;

    public void Dispose()
    {
        _insertObject.Dispose();
        _insertZeroBlob.Dispose();
        _upsertCatalog.Dispose();
        _deleteCatalog.Dispose();
        _insertHistory.Dispose();
        _insertRoot.Dispose();
        _selectHead.Dispose();
        _upsertDeletion.Dispose();
        _deleteDeletion.Dispose();
        _insertReference.Dispose();
        Connection.Dispose();
    }

    private string? ReadHead() => _selectHead.ExecuteScalar() is byte[] stored ? Convert.ToHexStringLower(stored) : null;

    private static void ExecuteEach(SqliteCommand command, IReadOnlyList<FileEntry> entries)
    {
        foreach (var entry in entries)
        {
            BindEntry(command, entry);
            command.ExecuteNonQuery();
        }
    }

    private static void BindEntry(SqliteCommand command, FileEntry entry)
    {
        var parameters = command.Parameters;
        parameters[0].Value = entry.Path;
        parameters[1].Value = (long)entry.Kind;
        parameters[2].Value = Convert.FromHexString(entry.Hash);
        parameters[3].Value = entry.Size;
        parameters[4].Value = (object?)entry.ContentType ?? DBNull.Value;
        parameters[5].Value = (object?)entry.Target ?? DBNull.Value;
        parameters[6].Value = entry.CreatedAt;
        parameters[7].Value = entry.UpdatedAt;
        parameters[8].Value = entry.Stamp.VirtualTime;
        parameters[9].Value = unchecked((long)entry.Stamp.NodeId);
    }

    private static void SetObjectKey(SqliteCommand command, byte[] hash, ObjectKind kind, bool system)
    {
        command.Parameters[0].Value = hash;
        command.Parameters[1].Value = (long)kind;
        command.Parameters[2].Value = system ? 1L : 0L;
    }

    private long LastInsertRowId() => SQLitePCL.raw.sqlite3_last_insert_rowid(Connection.Handle);
}
