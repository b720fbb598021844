using Npgsql;

namespace AeorDb.Silo.Storage;

/// <summary>
/// A session-level PostgreSQL advisory lock held on its own connection for the bootstrap. If the silo dies while
/// holding it, PostgreSQL drops the session and the lock with it, so a crash cannot wedge the other silos.
/// </summary>
internal sealed class PostgresBootstrapLock(NpgsqlDataSource dataSource) : INodeBootstrapLock
{
    /// <summary>Advisory lock id of the bootstrap (ASCII "aeordb" and 2).</summary>
    public const long BootstrapLockId = 0x6165_6F72_6462_0002;

    public async ValueTask<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@id)", connection);
            command.Parameters.AddWithValue("id", BootstrapLockId);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new Held(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@id)", connection);
                command.Parameters.AddWithValue("id", BootstrapLockId);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            finally
            {
                // Closing returns the connection to the pool; the unlock above matters because a pooled session lives on.
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
