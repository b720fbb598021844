using System.Reflection;
using Npgsql;

namespace AeorDb.Silo.Storage;

/// <summary>
/// Creates, idempotently and before Orleans starts, what Orleans' ADO.NET clustering and grain persistence need in
/// the <c>--cluster-db</c> database: <c>deploy/postgres/orleans.sql</c>, compiled into the executable so the silo
/// and the shipped file never differ. Runs in one transaction under a transaction-level advisory lock, so silos
/// starting together apply it one after another instead of racing on <c>CREATE TABLE</c>.
/// </summary>
internal static class PostgresOrleansSchema
{
    /// <summary>Advisory lock id of the schema step (ASCII "aeordb" and 1): one per database, shared by every silo.</summary>
    public const long SchemaLockId = 0x6165_6F72_6462_0001;

    /// <summary>The script as shipped in <c>deploy/postgres/orleans.sql</c>.</summary>
    public static string Script { get; } = ReadScript();

    /// <summary>Applies <see cref="Script"/> under the schema lock; safe to run on every start and from several silos at once.</summary>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@id)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("id", SchemaLockId);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var script = new NpgsqlCommand(Script, connection, transaction))
        {
            await script.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string ReadScript()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("AeorDb.Silo.orleans.sql")
            ?? throw new InvalidOperationException("The PostgreSQL schema script is not embedded in the executable.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
