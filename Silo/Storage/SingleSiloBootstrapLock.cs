namespace AeorDb.Silo.Storage;

/// <summary>The embedded default has one silo, so its bootstrap has nobody to race.</summary>
internal sealed class SingleSiloBootstrapLock : INodeBootstrapLock, IAsyncDisposable
{
    public ValueTask<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IAsyncDisposable>(this);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
