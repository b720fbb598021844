using AeorDb.Grains.Services.Storage.Engine;
using Npgsql;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>The schema: the embedded <c>aeordb-store.sql</c>, applied idempotently under an advisory lock.</summary>
internal sealed partial class PostgresObjectStore
{
    /// <summary>The schema script shipped in <c>deploy/postgres/aeordb-store.sql</c>.</summary>
    public static string SchemaScript()
    {
        using var stream = typeof(PostgresObjectStore).Assembly.GetManifestResourceStream(PostgresStoreSql.SchemaResource)
            ?? throw new InvalidOperationException($"The embedded resource {PostgresStoreSql.SchemaResource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Runs the script in one transaction holding a transaction-scoped advisory lock, so silos starting at once
    /// apply it one after the other (CREATE ... IF NOT EXISTS alone still races on the system catalogs).
    /// </summary>
    private async Task ApplySchemaAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = PostgresStoreSql.SchemaLockKey });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var command = new NpgsqlCommand(SchemaScript(), connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await BackfillReferencesAsync(new WriteScope(connection, transaction, ownsConnection: false), new PostgresCommitStatements(connection, transaction), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        LogOpened(connection.Host ?? "?", connection.Port, connection.Database);
    }
}
