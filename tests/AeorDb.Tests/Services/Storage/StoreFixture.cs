using AeorDb.Grains.Services.Storage;
using AeorDb.Grains.Services.Storage.Postgres;
using AeorDb.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AeorDb.Tests.Services.Storage;

/// <summary>
/// One test's store location on either backend: a SQLite file in a temp directory, or a fresh PostgreSQL
/// database. Every store opened on it (several may be open at once, like silos of one node) is disposed, and
/// the location removed, at the end.
/// </summary>
internal sealed class StoreFixture : IAsyncDisposable
{
    private readonly List<INodeStore> _stores = [];
    private PostgresDatabase? _database;

    public StoreFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "aeordb-store-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        DatabasePath = Path.Combine(Directory, "node.aeordb");
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    /// <summary>The PostgreSQL database of this test, once a Postgres store was opened.</summary>
    public PostgresDatabase? Database => _database;

    /// <summary>Opens a store on this test's location of <paramref name="backend"/> (the same data each time).</summary>
    public async Task<INodeStore> OpenAsync(StoreBackend backend, long? maxQueuedBytes = null)
    {
        if (backend == StoreBackend.Sqlite)
        {
            return await OpenAsync(configure: o => o.MaxQueuedBytes = maxQueuedBytes ?? o.MaxQueuedBytes);
        }

        _database ??= await PostgresServer.CreateDatabaseAsync();
        var options = new PostgresStoreOptions { ConnectionString = _database.ConnectionString };
        options.MaxQueuedBytes = maxQueuedBytes ?? options.MaxQueuedBytes;
        var store = new PostgresObjectStore(Options.Create(options), NullLogger<PostgresObjectStore>.Instance);
        _stores.Add(store);
        await store.InitializeAsync();
        return store;
    }

    /// <summary>Opens a SQLite store on <paramref name="path"/> (default: this test's file) with tuned options.</summary>
    public async Task<SqliteObjectStore> OpenAsync(string? path = null, Action<SqliteStoreOptions>? configure = null)
    {
        var options = new SqliteStoreOptions { DatabasePath = path ?? DatabasePath };
        configure?.Invoke(options);
        var store = new SqliteObjectStore(Options.Create(options), NullLogger<SqliteObjectStore>.Instance);
        await store.InitializeAsync();
        _stores.Add(store);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
