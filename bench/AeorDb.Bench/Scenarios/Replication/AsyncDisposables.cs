namespace AeorDb.Bench.Scenarios.Replication;

/// <summary>Disposes every item of a list that may still grow after this is created, last first.</summary>
internal sealed class AsyncDisposables(IReadOnlyList<IAsyncDisposable> items) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        for (var i = items.Count - 1; i >= 0; i--)
        {
            await items[i].DisposeAsync().ConfigureAwait(false);
        }
    }
}
