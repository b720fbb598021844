using AeorDb.Grains.Services.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AeorDb.Tests.Services.Storage;

/// <summary>A temp directory holding one database file; stores opened on it are disposed with it.</summary>
internal sealed class StoreFixture : IAsyncDisposable
{
    private readonly List<SqliteObjectStore> _stores = [];

    public StoreFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "aeordb-store-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        DatabasePath = Path.Combine(Directory, "node.aeordb");
    }

    public string Directory { get; }

    public string DatabasePath { get; }

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
    }
}
