using AeorDb.Grains.Interfaces.Models;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>The reference index's lookup (<see cref="AeorDb.Grains.Interfaces.IObjectReferences"/>).</summary>
internal sealed partial class PostgresObjectStore
{
    public async Task<IReadOnlyList<string>> GetReferencingPathsAsync(ReadOnlyMemory<byte> hash, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = KeyedCommand(PostgresStoreSql.SelectReferencingPaths, ObjectBytes.KeyOf(hash));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(0, limit) });
        var paths = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            paths.Add(reader.GetString(0));
        }

        return paths;
    }

    /// <summary>History rows read per page of the backfill.</summary>
    private const int BackfillPage = 5000;

    /// <summary>
    /// Fills the reference index from the retained history, once per database (a marker row records it), inside the
    /// schema transaction and its advisory lock, so one silo does it and the others find it done.
    /// </summary>
    private async Task BackfillReferencesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var check = new NpgsqlCommand(PostgresStoreSql.SelectReferencesBackfilled, connection, transaction))
        {
            if (await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        long after = 0;
        var rows = 0;
        while (true)
        {
            var references = new List<ObjectReference>();
            var read = 0;
            await using (var select = new NpgsqlCommand(PostgresStoreSql.SelectHistoryReferences, connection, transaction))
            {
                select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
                select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BackfillPage });
                await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    read++;
                    after = reader.GetInt64(0);
                    var record = reader.IsDBNull(5) ? null : reader.GetFieldValue<byte[]>(5);
                    references.AddRange(ObjectReference.ForHistoryRow(reader.GetString(1), (EntryKind)reader.GetInt16(2), reader.GetFieldValue<byte[]>(3), reader.GetBoolean(4), record));
                }
            }

            if (references.Count > 0)
            {
                await using var insert = new NpgsqlCommand(PostgresStoreSql.InsertReferences, connection, transaction);
                insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. references.Select(static r => r.Hash)] });
                insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. references.Select(static r => r.Path)] });
                rows += await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (read < BackfillPage)
            {
                break;
            }
        }

        await using (var marker = new NpgsqlCommand(PostgresStoreSql.InsertReferencesBackfilled, connection, transaction))
        {
            await marker.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (rows > 0)
        {
            LogReferencesBackfilled(rows);
        }
    }

    [LoggerMessage(EventId = 3250, Level = LogLevel.Information, Message = "Reference index filled from the history: {Rows} rows")]
    private partial void LogReferencesBackfilled(int rows);
}
