using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Storage.Engine;
using Npgsql;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>
/// The PostgreSQL side of a tree commit (<see cref="ICommitStatements"/>): the head swap and the object insert run at
/// once, every later step is one array statement (a whole commit's entries travel as column arrays) queued into one
/// batch that <see cref="FlushAsync"/> sends: three round trips per commit at most.
/// </summary>
internal sealed class PostgresCommitStatements(NpgsqlConnection connection, NpgsqlTransaction transaction) : ICommitStatements
{
    private NpgsqlBatch? _rows;

    /// <summary>Moving HEAD takes its row lock, which orders concurrent commits of several silos.</summary>
    public async ValueTask<bool> TryMoveHeadAsync(string? baseRootHash, byte[] root, long committedAt)
    {
        var sql = baseRootHash is null ? PostgresStoreSql.CreateHead : PostgresStoreSql.MoveHead;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = root });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = committedAt });
        if (baseRootHash is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Convert.FromHexString(baseRootHash) });
        }

        return await command.ExecuteNonQueryAsync().ConfigureAwait(false) == 1;
    }

    public async ValueTask<string?> ReadHeadAsync()
    {
        await using var select = new NpgsqlCommand(PostgresStoreSql.SelectHeadRoot, connection, transaction);
        return await select.ExecuteScalarAsync().ConfigureAwait(false) is byte[] stored ? Convert.ToHexStringLower(stored) : null;
    }

    public async ValueTask InsertObjectsAsync(IReadOnlyList<NewObject> objects)
    {
        await using var insert = InsertObjectsBatch(connection, transaction, [.. objects.Select(static o => (o.Hash, o.Kind, o.System, (ReadOnlyMemory<byte>)o.Data))]);
        await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public void UpsertCatalog(IReadOnlyList<FileEntry> entries) => Queue(PostgresStoreSql.UpsertCatalog, EntryParameters(entries));

    public void ClearDeletions(IReadOnlyList<FileEntry> entries) =>
        Queue(PostgresStoreSql.DeleteDeletions, new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(static e => e.Path)] });

    public void InsertHistory(IReadOnlyList<FileEntry> entries) => Queue(PostgresStoreSql.InsertHistory, EntryParameters(entries));

    public void InsertReferences(IReadOnlyList<ObjectReference> references) =>
        Queue(
            PostgresStoreSql.InsertReferences,
            new NpgsqlParameter<byte[][]> { TypedValue = [.. references.Select(static r => r.Hash)] },
            new NpgsqlParameter<string[]> { TypedValue = [.. references.Select(static r => r.Path)] });

    public void DeleteCatalog(IReadOnlyList<string> paths) => Queue(PostgresStoreSql.DeleteCatalog, new NpgsqlParameter<string[]> { TypedValue = [.. paths] });

    public void InsertRoot(byte[] root, long committedAt) =>
        Queue(PostgresStoreSql.InsertRoot, new NpgsqlParameter<byte[]> { TypedValue = root }, new NpgsqlParameter<long> { TypedValue = committedAt });

    public void UpsertDeletions(IReadOnlyList<FileEntry> tombstones) => Queue(PostgresStoreSql.UpsertDeletions, EntryParameters(tombstones));

    public async ValueTask FlushAsync()
    {
        if (_rows is null)
        {
            return;
        }

        await using var rows = _rows;
        _rows = null;
        await rows.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Inserts objects unless present, in hash order: two silos' batches inserting the same objects then wait for
    /// each other instead of deadlocking.
    /// </summary>
    public static NpgsqlBatch InsertObjectsBatch(NpgsqlConnection connection, NpgsqlTransaction transaction, List<(byte[] Hash, ObjectKind Kind, bool System, ReadOnlyMemory<byte> Data)> objects)
    {
        objects.Sort(static (a, b) => a.Hash.AsSpan().SequenceCompareTo(b.Hash));
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (hash, kind, system, data) in objects)
        {
            batch.BatchCommands.Add(Command(
                PostgresStoreSql.InsertObject,
                new NpgsqlParameter<byte[]> { TypedValue = hash },
                new NpgsqlParameter<short> { TypedValue = (short)kind },
                new NpgsqlParameter<bool> { TypedValue = system },
                new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = data, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea }));
        }

        return batch;
    }

    /// <summary>The ten column arrays of <see cref="PostgresStoreSql.UpsertCatalog"/> and <see cref="PostgresStoreSql.InsertHistory"/>.</summary>
    private static NpgsqlParameter[] EntryParameters(IReadOnlyList<FileEntry> entries) =>
    [
        new NpgsqlParameter<string[]> { TypedValue = entries.Select(e => e.Path).ToArray() },
        new NpgsqlParameter<short[]> { TypedValue = entries.Select(e => (short)e.Kind).ToArray() },
        new NpgsqlParameter<byte[][]> { TypedValue = entries.Select(e => Convert.FromHexString(e.Hash)).ToArray() },
        new NpgsqlParameter<long[]> { TypedValue = entries.Select(e => e.Size).ToArray() },
        new NpgsqlParameter<string?[]> { TypedValue = entries.Select(e => e.ContentType).ToArray() },
        new NpgsqlParameter<string?[]> { TypedValue = entries.Select(e => e.Target).ToArray() },
        new NpgsqlParameter<long[]> { TypedValue = entries.Select(e => e.CreatedAt).ToArray() },
        new NpgsqlParameter<long[]> { TypedValue = entries.Select(e => e.UpdatedAt).ToArray() },
        new NpgsqlParameter<long[]> { TypedValue = entries.Select(e => e.Stamp.VirtualTime).ToArray() },
        new NpgsqlParameter<long[]> { TypedValue = entries.Select(e => unchecked((long)e.Stamp.NodeId)).ToArray() },
    ];

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private void Queue(string sql, params NpgsqlParameter[] parameters) =>
        (_rows ??= new NpgsqlBatch(connection, transaction)).BatchCommands.Add(Command(sql, parameters));
}
