using System.Globalization;
using Npgsql;

namespace AeorDb.Bench.Targets;

/// <summary>Fresh databases on a PostgreSQL server for the targets of one run, dropped at the end.</summary>
internal sealed class BenchDatabases(string server) : IAsyncDisposable
{
    private readonly List<string> _created = [];

    /// <summary>Creates a uniquely named database and returns a connection string for it.</summary>
    public async Task<string> CreateAsync(string hint, CancellationToken cancellationToken)
    {
        var name = $"aeordb_bench_{hint}_{Guid.NewGuid():N}"[..48];
        await using var connection = await OpenAdminAsync(cancellationToken).ConfigureAwait(false);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _created.Add(name);
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// The server's postmaster pid when it runs on this machine (the parent of this connection's backend), so
    /// its CPU and its backends' can be counted as the server's; 0 when it is not visible here.
    /// </summary>
    public async Task<int> PostmasterPidAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAdminAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        try
        {
            var stat = await File.ReadAllTextAsync($"/proc/{backend}/stat", cancellationToken).ConfigureAwait(false);
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The server's version and the settings that decide what a commit costs, for the report.</summary>
    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAdminAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('shared_buffers')",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return $"PostgreSQL {reader.GetString(0)} (fsync {reader.GetString(1)}, synchronous_commit {reader.GetString(2)}, shared_buffers {reader.GetString(3)})";
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = await OpenAdminAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var name in _created)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private async Task<NpgsqlConnection> OpenAdminAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
