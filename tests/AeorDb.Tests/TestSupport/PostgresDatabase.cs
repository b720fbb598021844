using Npgsql;

namespace AeorDb.Tests.TestSupport;

/// <summary>A database created for one test; disposing it closes its connections and drops it.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _server;

    internal PostgresDatabase(string name, string connectionString, string server)
    {
        Name = name;
        ConnectionString = connectionString;
        _server = server;
    }

    /// <summary>The database's name (unique per test).</summary>
    public string Name { get; }

    /// <summary>An Npgsql connection string for this database.</summary>
    public string ConnectionString { get; }

    /// <summary>Runs one SQL statement and returns its first column of the first row (or null).</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Pooled connections of this test (and of processes it stopped) must go before the drop.
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString(_server));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
