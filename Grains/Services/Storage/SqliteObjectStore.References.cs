using AeorDb.Grains.Interfaces.Models;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Services.Storage;

/// <summary>The reference index's lookup (<see cref="AeorDb.Grains.Interfaces.IObjectReferences"/>).</summary>
internal sealed partial class SqliteObjectStore
{
    public async Task<IReadOnlyList<string>> GetReferencingPathsAsync(ReadOnlyMemory<byte> hash, int limit, CancellationToken cancellationToken = default)
    {
        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = session.ReferencingPaths;
            command.Parameters[0].Value = ObjectBytes.KeyOf(hash);
            command.Parameters[1].Value = (long)Math.Max(0, limit);
            var paths = new List<string>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                paths.Add(reader.GetString(0));
            }

            return paths;
        }
        finally
        {
            ReturnReader(session);
        }
    }

    /// <summary>
    /// Fills the reference index from the retained history, once per database (a marker row records it): a database
    /// written before the index existed then authorizes hash-addressed reads of its older objects too. Runs on the
    /// writer connection before the writer loop starts, in one transaction.
    /// </summary>
    private void BackfillReferences(SqliteConnection connection)
    {
        if (Scalar(connection, SqliteStoreSql.SelectReferencesBackfilled) is not null)
        {
            return;
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = SqliteStoreSql.SelectHistoryReferences;
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = SqliteStoreSql.InsertReference;
        var hashParameter = insert.Parameters.Add("$hash", SqliteType.Blob);
        var pathParameter = insert.Parameters.Add("$path", SqliteType.Text);
        var rows = 0;
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                var record = reader.IsDBNull(4) ? null : (byte[])reader.GetValue(4);
                foreach (var reference in ObjectReference.ForHistoryRow(reader.GetString(0), (EntryKind)reader.GetInt64(1), (byte[])reader.GetValue(2), reader.GetInt64(3) != 0, record))
                {
                    hashParameter.Value = reference.Hash;
                    pathParameter.Value = reference.Path;
                    rows += insert.ExecuteNonQuery();
                }
            }
        }

        using var marker = connection.CreateCommand();
        marker.Transaction = transaction;
        marker.CommandText = SqliteStoreSql.InsertReferencesBackfilled;
        marker.ExecuteNonQuery();
        transaction.Commit();
        if (rows > 0)
        {
            LogReferencesBackfilled(rows);
        }
    }

    [LoggerMessage(EventId = 3150, Level = LogLevel.Information, Message = "Reference index filled from the history: {Rows} rows")]
    private partial void LogReferencesBackfilled(int rows);
}
