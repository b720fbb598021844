using AeorDb.Grains.Interfaces.Models;
using Npgsql;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>The rows of one tree commit: HEAD compare-and-swap first, then objects, catalog, history, root.</summary>
internal sealed partial class PostgresObjectStore
{
    private static async Task WriteCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TreeCommit commit)
    {
        // Build every parameter before the first statement: a malformed entry fails the commit before it writes.
        var root = Convert.FromHexString(commit.RootHash);
        var upserts = EntryParameters(commit.Upserts);
        var versions = commit.Upserts.Where(e => e.Kind != EntryKind.Directory).ToList();
        var history = EntryParameters(versions);
        var tombstones = commit.Tombstones;
        var objects = commit.Objects.Select(o => (o.Hash, o.Kind, o.System, (ReadOnlyMemory<byte>)o.Data)).ToList();

        // Moving HEAD first takes its row lock, which orders concurrent commits of several silos.
        if (!await MoveHeadAsync(connection, transaction, commit, root).ConfigureAwait(false))
        {
            await using var select = new NpgsqlCommand(PostgresStoreSql.SelectHeadRoot, connection, transaction);
            var head = await select.ExecuteScalarAsync().ConfigureAwait(false) is byte[] stored ? Convert.ToHexStringLower(stored) : null;
            throw TreeHeadMovedException.For(commit.BaseRootHash, head);
        }

        if (objects.Count > 0)
        {
            await using var insert = InsertObjectsBatch(connection, transaction, objects);
            await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await using var rows = new NpgsqlBatch(connection, transaction);
        if (commit.Upserts.Count > 0)
        {
            rows.BatchCommands.Add(Command(PostgresStoreSql.UpsertCatalog, upserts));
            rows.BatchCommands.Add(Command(PostgresStoreSql.DeleteDeletions, new NpgsqlParameter<string[]> { TypedValue = [.. commit.Upserts.Select(static e => e.Path)] }));
        }

        if (versions.Count > 0)
        {
            rows.BatchCommands.Add(Command(PostgresStoreSql.InsertHistory, history));
        }

        if (commit.References.Count > 0)
        {
            rows.BatchCommands.Add(Command(
                PostgresStoreSql.InsertReferences,
                new NpgsqlParameter<byte[][]> { TypedValue = [.. commit.References.Select(static r => r.Hash)] },
                new NpgsqlParameter<string[]> { TypedValue = [.. commit.References.Select(static r => r.Path)] }));
        }

        if (commit.Deletes.Count > 0)
        {
            rows.BatchCommands.Add(Command(PostgresStoreSql.DeleteCatalog, new NpgsqlParameter<string[]> { TypedValue = [.. commit.Deletes] }));
        }

        rows.BatchCommands.Add(Command(
            PostgresStoreSql.InsertRoot,
            new NpgsqlParameter<byte[]> { TypedValue = root },
            new NpgsqlParameter<long> { TypedValue = commit.CommittedAt }));
        if (tombstones.Count > 0)
        {
            // After the root row: each deletion is tagged with this commit's root sequence.
            rows.BatchCommands.Add(Command(PostgresStoreSql.InsertHistory, EntryParameters(tombstones)));
            rows.BatchCommands.Add(Command(PostgresStoreSql.UpsertDeletions, EntryParameters(tombstones)));
        }

        await rows.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>The compare-and-swap: true when HEAD was <see cref="TreeCommit.BaseRootHash"/> and now is the commit's root.</summary>
    private static async Task<bool> MoveHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TreeCommit commit, byte[] root)
    {
        var sql = commit.BaseRootHash is null ? PostgresStoreSql.CreateHead : PostgresStoreSql.MoveHead;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = root });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = commit.CommittedAt });
        if (commit.BaseRootHash is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Convert.FromHexString(commit.BaseRootHash) });
        }

        return await command.ExecuteNonQueryAsync().ConfigureAwait(false) == 1;
    }

    /// <summary>Inserts objects unless present, in hash order (see the class remarks of the writer).</summary>
    private static NpgsqlBatch InsertObjectsBatch(NpgsqlConnection connection, NpgsqlTransaction transaction, List<(byte[] Hash, ObjectKind Kind, bool System, ReadOnlyMemory<byte> Data)> objects)
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
}
