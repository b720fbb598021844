using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Ci;

/// <summary>The test PostgreSQL server: each test gets its own database, dropped afterwards.</summary>
public sealed class ThrowawayPostgresTests
{
    [PostgresFact]
    public async Task CreateDatabase_ThenDispose_DatabaseExistsOnlyWhileHeld()
    {
        string name;
        await using (var database = await PostgresServer.CreateDatabaseAsync())
        {
            name = database.Name;
            Assert.Equal(name, await database.ScalarAsync("SELECT current_database()"));
            Assert.Equal(1L, await database.ScalarAsync(
                $"SELECT count(*) FROM pg_database WHERE datname = '{name}'"));
        }

        await using var other = await PostgresServer.CreateDatabaseAsync();
        Assert.NotEqual(name, other.Name);
        Assert.Equal(0L, await other.ScalarAsync($"SELECT count(*) FROM pg_database WHERE datname = '{name}'"));
    }

    [PostgresFact]
    public async Task Server_GrantsCreateDatabase_ToTheTestRole()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        Assert.Equal(true, await database.ScalarAsync(
            "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user"));
    }
}
