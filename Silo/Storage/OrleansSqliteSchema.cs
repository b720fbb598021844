using Microsoft.Data.Sqlite;

namespace AeorDb.Silo.Storage;

/// <summary>
/// Creates, idempotently and before Orleans starts, what Orleans' ADO.NET grain persistence needs in the
/// SQLite file: the <c>OrleansQuery</c> table with the three queries the provider loads at start
/// (<c>WriteToStorageKey</c>, <c>ReadFromStorageKey</c>, <c>ClearStorageKey</c>) and the
/// <c>OrleansStorage</c> table they use. Written against the provider's table, parameter and result column
/// names (<c>@GrainIdHash</c>, <c>@GrainIdN0</c>, <c>@GrainIdN1</c>, <c>@GrainTypeHash</c>,
/// <c>@GrainTypeString</c>, <c>@GrainIdExtensionString</c>, <c>@ServiceId</c>, <c>@GrainStateVersion</c>,
/// <c>@PayloadBinary</c>; <c>PayloadBinary</c>, <c>Version</c>, <c>NewGrainStateVersion</c>). Re-running it
/// rewrites the query texts, so an upgrade replaces them in place.
/// </summary>
internal static class OrleansSqliteSchema
{
    /// <summary>
    /// One row per grain state. The unique index is the grain's full identity; a NULL key extension is mapped
    /// to a BLOB, which never equals any TEXT, so "no extension" and "empty extension" stay distinct while
    /// the upsert below can name a single conflict target.
    /// </summary>
    private const string Tables = """
        CREATE TABLE IF NOT EXISTS OrleansQuery
        (
            QueryKey  TEXT NOT NULL PRIMARY KEY,
            QueryText TEXT NOT NULL
        );

        CREATE TABLE IF NOT EXISTS OrleansStorage
        (
            GrainIdHash            INTEGER NOT NULL,
            GrainIdN0              INTEGER NOT NULL,
            GrainIdN1              INTEGER NOT NULL,
            GrainTypeHash          INTEGER NOT NULL,
            GrainTypeString        TEXT    NOT NULL,
            GrainIdExtensionString TEXT    NULL,
            ServiceId              TEXT    NOT NULL,
            PayloadBinary          BLOB    NULL,
            ModifiedOn             TEXT    NOT NULL,
            Version                INTEGER NOT NULL
        );

        CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain ON OrleansStorage
            (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, IFNULL(GrainIdExtensionString, x'00'), ServiceId);
        """;

    private const string GrainMatch = """
        GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
            AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
            AND GrainTypeString = @GrainTypeString
            AND IFNULL(GrainIdExtensionString, x'00') = IFNULL(@GrainIdExtensionString, x'00')
            AND ServiceId = @ServiceId
        """;

    /// <summary>
    /// Insert when the grain has no ETag yet; otherwise update only when the stored version equals the ETag.
    /// The provider raises InconsistentStateException when the returned version equals the ETag it sent, or
    /// when nothing comes back for a first write, so: success returns the new version; a stale update (or an
    /// update of a row that vanished) returns the unchanged ETag from the second statement; a first write over
    /// an existing row returns no row. The provider reads every result set of the command before the second
    /// statement runs, so <c>changes()</c> there is the upsert's.
    /// </summary>
    private const string WriteQuery = $"""
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
        SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @PayloadBinary,
            strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 1
        WHERE @GrainStateVersion IS NULL OR EXISTS (SELECT 1 FROM OrleansStorage WHERE {GrainMatch})
        ON CONFLICT (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, IFNULL(GrainIdExtensionString, x'00'), ServiceId)
        DO UPDATE SET PayloadBinary = excluded.PayloadBinary, ModifiedOn = excluded.ModifiedOn, Version = Version + 1
            WHERE Version = @GrainStateVersion
        RETURNING Version AS NewGrainStateVersion;

        SELECT @GrainStateVersion AS NewGrainStateVersion WHERE changes() = 0 AND @GrainStateVersion IS NOT NULL;
        """;

    private const string ReadQuery = $"""
        SELECT PayloadBinary, Version FROM OrleansStorage WHERE {GrainMatch} LIMIT 1;
        """;

    /// <summary>Clearing keeps the row (payload NULL, version bumped) so a later write still checks versions.</summary>
    private const string ClearQuery = $"""
        UPDATE OrleansStorage
        SET PayloadBinary = NULL, ModifiedOn = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), Version = Version + 1
        WHERE {GrainMatch} AND Version = @GrainStateVersion
        RETURNING Version AS NewGrainStateVersion;

        SELECT @GrainStateVersion AS NewGrainStateVersion WHERE changes() = 0 AND @GrainStateVersion IS NOT NULL;
        """;

    private const string UpsertQuery = """
        INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES (@Key, @Text)
        ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
        """;

    /// <summary>The query rows this schema installs, by key.</summary>
    public static IReadOnlyDictionary<string, string> Queries { get; } = new Dictionary<string, string>
    {
        ["WriteToStorageKey"] = WriteQuery,
        ["ReadFromStorageKey"] = ReadQuery,
        ["ClearStorageKey"] = ClearQuery,
    };

    /// <summary>Puts the file in WAL mode and creates or refreshes the tables and query rows in one transaction; safe to run on every start.</summary>
    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        SqliteDatabase.ApplyPragmas(connection);

        // WAL is a property of the file (it persists), and cannot be switched inside a transaction.
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL";
            var mode = (string?)await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The database could not be switched to WAL mode (journal_mode is '{mode}').");
            }
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var tables = connection.CreateCommand())
        {
            tables.Transaction = transaction;
            tables.CommandText = Tables;
            await tables.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var (key, text) in Queries)
        {
            await using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = UpsertQuery;
            upsert.Parameters.AddWithValue("@Key", key);
            upsert.Parameters.AddWithValue("@Text", text);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
