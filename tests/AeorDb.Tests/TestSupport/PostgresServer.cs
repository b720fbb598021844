using Npgsql;

namespace AeorDb.Tests.TestSupport;

/// <summary>
/// The PostgreSQL server the tests may use: the one named by <c>AEORDB_TEST_POSTGRES</c> (an Npgsql
/// connection string for a role that may create databases). <c>.ci/test</c> starts a throwaway server
/// and sets the variable, together with <c>AEORDB_TEST_POSTGRES_REQUIRED=1</c>.
/// </summary>
public static class PostgresServer
{
    /// <summary>The variable naming the server.</summary>
    public const string ConnectionVariable = "AEORDB_TEST_POSTGRES";

    /// <summary>The variable that makes an unreachable server a failure rather than a skip.</summary>
    public const string RequiredVariable = "AEORDB_TEST_POSTGRES_REQUIRED";

    /// <summary>The server's connection string, or null when none is configured.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    /// <summary>True when the run promised a server (CI), so its absence must fail tests.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequiredVariable) == "1";

    /// <summary>Why PostgreSQL tests are skipped, or null when they run.</summary>
    public static string? SkipReason
    {
        get
        {
            if (ConnectionString is not null)
            {
                return null;
            }

            return Required
                ? null // Run, and fail in CreateDatabaseAsync with the reason.
                : $"PostgreSQL tests need {ConnectionVariable} (an Npgsql connection string for a role " +
                  "that may create databases); .ci/test starts a throwaway server and sets it.";
        }
    }

    /// <summary>Creates a fresh, uniquely named database; disposing the result drops it.</summary>
    public static async Task<PostgresDatabase> CreateDatabaseAsync()
    {
        var server = ConnectionString ?? throw new InvalidOperationException(
            $"{RequiredVariable}=1 but {ConnectionVariable} is not set: the PostgreSQL server the run promised is missing.");
        var name = "aeordb_test_" + Guid.NewGuid().ToString("N");
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString(server));
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL server named by {ConnectionVariable} is unreachable or refused to create a " +
                $"database: {error.Message}", error);
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new PostgresDatabase(name, builder.ConnectionString, server);
    }

    /// <summary>The server's connection string pointed at its maintenance database.</summary>
    internal static string AdminConnectionString(string server) =>
        new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
}
