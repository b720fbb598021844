using AeorDb.Silo.Storage;
using AeorDb.Tests.TestSupport;
using Npgsql;
using Xunit;

namespace AeorDb.Tests.Http.ScaleOut;

/// <summary>The Orleans schema of scale-out mode (<c>deploy/postgres/orleans.sql</c>) is idempotent and safe to apply from several silos at once.</summary>
public sealed class SchemaBootstrapTests
{
    /// <summary>Everything the script makes, as text: tables and columns, indexes, functions, and the query rows.</summary>
    private const string Snapshot = """
        SELECT string_agg(line, E'\n' ORDER BY line) FROM (
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS line
                FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL SELECT 'function ' || p.proname || ' ' || md5(p.prosrc) FROM pg_proc p
                JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
            UNION ALL SELECT 'query ' || querykey || ' ' || md5(querytext) FROM orleansquery
            UNION ALL SELECT 'rows orleansstorage ' || count(*) FROM orleansstorage
        ) AS catalog
        """;

    [PostgresFact]
    public async Task Apply_Twice_SameSchemaAndQueryRows()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        await PostgresOrleansSchema.ApplyAsync(dataSource);
        var first = (string?)await database.ScalarAsync(Snapshot);
        await PostgresOrleansSchema.ApplyAsync(dataSource);
        var second = (string?)await database.ScalarAsync(Snapshot);

        Assert.NotNull(first);
        Assert.Contains("query WriteToStorageKey", first);
        Assert.Contains("query MembershipReadAllKey", first);
        Assert.Equal(first, second);
    }

    [PostgresFact]
    public async Task Apply_FromFourSilosAtOnce_AllSucceedWithOneSchema()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresOrleansSchema.ApplyAsync(dataSource)));
        var concurrent = (string?)await database.ScalarAsync(Snapshot);
        await PostgresOrleansSchema.ApplyAsync(dataSource);

        Assert.Equal(concurrent, (string?)await database.ScalarAsync(Snapshot));
    }

    [Fact]
    public void EmbeddedScript_IsTheShippedFile()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AeorDb.Orleans.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var shipped = File.ReadAllText(Path.Combine(root.FullName, "deploy", "postgres", "orleans.sql"));
        Assert.Equal(shipped, PostgresOrleansSchema.Script);
    }
}
