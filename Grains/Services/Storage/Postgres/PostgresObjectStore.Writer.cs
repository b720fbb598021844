using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Storage.Engine;
using Npgsql;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>
/// The writer side of the PostgreSQL dialect: each group transaction takes a pooled connection; a group's object puts
/// go in one batch in hash order, so two silos' batches inserting the same objects wait for each other instead of
/// deadlocking; should PostgreSQL still abort a batch (deadlock, serialization failure), the engine retries it whole.
/// </summary>
internal sealed partial class PostgresObjectStore
{
    private protected override async ValueTask<WriteScope> BeginWriteAsync()
    {
        var connection = await DataSource.OpenConnectionAsync().ConfigureAwait(false);
        try
        {
            return new WriteScope(connection, await connection.BeginTransactionAsync().ConfigureAwait(false), ownsConnection: true);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private protected override ICommitStatements CommitStatements(WriteScope scope) =>
        new PostgresCommitStatements((NpgsqlConnection)scope.Connection, (NpgsqlTransaction)scope.Transaction);

    private protected override async ValueTask PutObjectsAsync(WriteScope scope, IReadOnlyList<ObjectWrite> puts)
    {
        await using var insert = PostgresCommitStatements.InsertObjectsBatch(
            (NpgsqlConnection)scope.Connection,
            (NpgsqlTransaction)scope.Transaction,
            [.. puts.Select(static p => (p.Hash, p.Kind, p.System, p.Data))]);
        await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the doomed objects unless put again since the cutoff (<see cref="SweepWrite.PutBeforeMs"/>): another
    /// silo's put waits for this delete or makes it skip the row. The reference rows go in the same statement.
    /// </summary>
    private protected override async ValueTask DeleteSweptAsync(WriteScope scope, SweepWrite sweep, IReadOnlyList<(byte[] Hash, ObjectKind Kind, long Length)> doomed)
    {
        var connection = (NpgsqlConnection)scope.Connection;
        var transaction = (NpgsqlTransaction)scope.Transaction;
        var lengths = doomed.ToDictionary(c => Collection.ObjectKey.From(c.Hash), c => c.Length);
        await using (var delete = new NpgsqlCommand(PostgresCollectSql.DeleteObjects, connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. doomed.Select(c => c.Hash)] });
            delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sweep.PutBeforeMs });
            await using var reader = await delete.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                sweep.Swept++;
                sweep.SweptBytes += lengths.GetValueOrDefault(Collection.ObjectKey.From((byte[])reader.GetValue(0)));
            }
        }

        await DeleteBySeqAsync(connection, transaction, PostgresCollectSql.DeleteRoots, sweep.Plan.DroppedRoots).ConfigureAwait(false);
        await DeleteBySeqAsync(connection, transaction, PostgresCollectSql.DeleteHistoryRows, sweep.Plan.DroppedHistory).ConfigureAwait(false);
    }

    /// <summary>After a sweep: lets PostgreSQL reuse the space (VACUUM FULL would return it to the file system but locks the table).</summary>
    private protected override async ValueTask CompactAsync()
    {
        try
        {
            await using var vacuum = DataSource.CreateCommand("VACUUM aeor_objects");
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException exception)
        {
            LogVacuumFailed(exception);
        }
    }

    private protected override bool IsTransient(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    private static async Task DeleteBySeqAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, List<long> seqs)
    {
        if (seqs.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. seqs] });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
