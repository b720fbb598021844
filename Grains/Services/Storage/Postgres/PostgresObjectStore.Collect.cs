using System.Data;
using System.Data.Common;
using System.Globalization;
using AeorDb.Grains.Services.Collection;
using AeorDb.Grains.Services.Storage.Engine;
using Npgsql;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>
/// Garbage collection's mechanics on PostgreSQL: the mark phase reads one REPEATABLE READ snapshot and buffers each
/// query's rows (a connection holds one open reader, and the marker reads objects on the same snapshot); retention
/// counts from the server's clock, shared by every silo; and only objects not put since the minimum age
/// (<see cref="GarbageCollectionOptions.SharedStoreMinAge"/>) are swept, which spares the other silos' writes in flight.
/// </summary>
internal sealed partial class PostgresObjectStore
{
    private protected override async ValueTask<WriteScope> BeginSnapshotAsync(CancellationToken cancellationToken)
    {
        var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            return new WriteScope(connection, transaction, ownsConnection: true);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private protected override async ValueTask ForEachRowAsync(WriteScope scope, SqlStatement statement, Action<IDataRecord> action, CancellationToken cancellationToken)
    {
        var rows = new List<IDataRecord>();
        await using (var command = scope.Command(statement))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            // DbEnumerator copies each row's values into a record of its own.
            var enumerator = new DbEnumerator(reader, closeReader: false);
            while (enumerator.MoveNext())
            {
                rows.Add((IDataRecord)enumerator.Current);
            }
        }

        foreach (var row in rows)
        {
            action(row);
        }
    }

    private protected override async ValueTask<long> ReadSnapshotNowAsync(WriteScope scope, CancellationToken cancellationToken)
    {
        await using var command = scope.Command(PostgresCollectSql.SelectNow);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private protected override TimeSpan? SharedStoreMinAge(GarbageCollectionOptions options) => options.SharedStoreMinAge;
}
