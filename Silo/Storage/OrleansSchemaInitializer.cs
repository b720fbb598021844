using Microsoft.Extensions.Hosting;

namespace AeorDb.Silo.Storage;

/// <summary>
/// Applies the Orleans persistence schema at host start. Registered after the object store (whose own
/// initializer creates the file, fixing its page size and WAL mode) and before the silo, since hosted
/// services start one after another in registration order.
/// </summary>
internal sealed class OrleansSchemaInitializer(string connectionString) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => OrleansSqliteSchema.ApplyAsync(connectionString, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
