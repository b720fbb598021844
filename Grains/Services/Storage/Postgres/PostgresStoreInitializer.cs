using Microsoft.Extensions.Hosting;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>Initializes the PostgreSQL store (its schema included) when the host starts, before Orleans if registered first.</summary>
internal sealed class PostgresStoreInitializer(PostgresObjectStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
