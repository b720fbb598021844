using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeorDb.Grains.Services.Storage;

/// <summary>The embedded object store and tree store on the SQLite database file.</summary>
internal sealed class SqliteObjectStore(IOptions<SqliteStoreOptions> options, ILogger<SqliteObjectStore> logger) : IObjectStore, ITreeStore, IAsyncDisposable
{
    private readonly SqliteStoreOptions _options = options.Value;
    private readonly ILogger _logger = logger;

    /// <summary>Creates the store's tables idempotently; call once at start-up before any other member.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException(_options.DatabasePath + _logger);

    public ValueTask<byte[]> PutChunkAsync(ReadOnlyMemory<byte> data, bool system, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public ValueTask<bool> PutVerifiedChunkAsync(ReadOnlyMemory<byte> expectedHash, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public ValueTask<FileVersion> PutFileVersionAsync(IReadOnlyList<string> chunkHashes, long size, string? contentType, bool system, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public ValueTask<FileVersion?> GetFileVersionAsync(string versionHash, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public ValueTask<ObjectInfo?> GetInfoAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public ValueTask<int> ReadAsync(ReadOnlyMemory<byte> hash, Memory<byte> destination, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public ValueTask<bool> ContainsAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<IReadOnlyList<FileEntry>> LoadCatalogAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<FileEntry?> GetCatalogEntryAsync(string path, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<string?> GetHeadRootAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<bool> IsKnownRootAsync(string rootHash, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task CommitAsync(TreeCommit commit, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
