using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Services.Storage;
using AeorDb.Grains.Services.Storage.Postgres;
using AeorDb.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Xunit;

namespace AeorDb.Tests.Services.Storage;

/// <summary>The PostgreSQL store's schema (<c>deploy/postgres/aeordb-store.sql</c>) and registration.</summary>
public sealed class PostgresStoreSchemaTests
{
    private const string SchemaShape = """
        SELECT string_agg(table_name || '.' || column_name || ':' || data_type || ':' || is_nullable, ',' ORDER BY table_name, ordinal_position)
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name LIKE 'aeor\_%'
        """;

    private const string IndexShape = """
        SELECT string_agg(indexdef, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'public' AND tablename LIKE 'aeor\_%'
        """;

    [PostgresFact]
    public async Task Schema_AppliedByConcurrentStartsAndAgain_SameTablesAndDataKept()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();

        // Several silos starting at once each apply the schema; the advisory lock makes them take turns.
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OpenAsync(database.ConnectionString)));
        var hash = await stores[0].PutChunkAsync(new byte[] { 1, 2, 3 }, system: false);
        var columns = await database.ScalarAsync(SchemaShape);
        var indexes = await database.ScalarAsync(IndexShape);

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var again = new NpgsqlCommand(PostgresObjectStore.SchemaScript(), connection);
            await again.ExecuteNonQueryAsync();
        }

        Assert.Equal(columns, await database.ScalarAsync(SchemaShape));
        Assert.Equal(indexes, await database.ScalarAsync(IndexShape));
        Assert.Contains("aeor_head.root_hash:bytea:NO", (string)columns!);
        Assert.True(await stores[3].ContainsAsync(hash));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public void SchemaScript_IsTheShippedDeployFile()
    {
        var shipped = File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "postgres", "aeordb-store.sql"));

        Assert.Equal(shipped, PostgresObjectStore.SchemaScript());
    }

    [PostgresFact]
    public async Task AddPostgresObjectStore_HostStarted_OneInitializedStoreBehindEveryInterface()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        var services = new ServiceCollection().AddLogging();
        services.AddPostgresObjectStore(database.ConnectionString);
        await using (var provider = services.BuildServiceProvider())
        {
            foreach (var hosted in provider.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
            }

            var objects = provider.GetRequiredService<IObjectStore>();
            Assert.IsType<PostgresObjectStore>(objects);
            Assert.Same(objects, provider.GetRequiredService<ITreeStore>());
            Assert.Same(objects, provider.GetRequiredService<INodeStore>());
            var hash = await objects.PutChunkAsync(new byte[] { 1, 2, 3 }, system: false);
            Assert.True(await objects.ContainsAsync(hash));
        }

        Assert.Equal(1L, await database.ScalarAsync("SELECT count(*) FROM aeor_objects"));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AeorDb.Orleans.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (AeorDb.Orleans.sln) is not above the test binaries.");
    }

    private static async Task<PostgresObjectStore> OpenAsync(string connectionString)
    {
        var store = new PostgresObjectStore(
            Microsoft.Extensions.Options.Options.Create(new PostgresStoreOptions { ConnectionString = connectionString }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<PostgresObjectStore>.Instance);
        await store.InitializeAsync();
        return store;
    }
}
