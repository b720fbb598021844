using AeorDb.Grains.Interfaces;

namespace AeorDb.Grains.Services.Storage;

/// <summary>A storage backend of a node: its object store and tree store in one database (SQLite or PostgreSQL).</summary>
internal interface INodeStore : IObjectStore, ITreeStore, IObjectReferences, ICollectableStore, IAsyncDisposable
{
    /// <summary>Opens the backend and creates its tables idempotently; call once at start-up before any other member.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);
}
