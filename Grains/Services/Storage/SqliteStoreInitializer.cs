using Microsoft.Extensions.Hosting;

namespace AeorDb.Grains.Services.Storage;

/// <summary>Initializes the SQLite store when the host starts (before Orleans, if registered first).</summary>
internal sealed class SqliteStoreInitializer(SqliteObjectStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
