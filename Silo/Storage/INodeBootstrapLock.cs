namespace AeorDb.Silo.Storage;

/// <summary>
/// Serializes the node's first-start bootstrap (node id, signing key, root API key) across the silos of one node,
/// so silos starting together cannot each create their own. Held only for the bootstrap; later starts find
/// everything made and pass through quickly.
/// </summary>
internal interface INodeBootstrapLock
{
    /// <summary>Waits for the lock; dispose the result to release it.</summary>
    ValueTask<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken);
}
