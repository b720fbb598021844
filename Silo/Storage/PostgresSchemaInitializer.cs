using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AeorDb.Silo.Storage;

/// <summary>Applies the Orleans schema in PostgreSQL at host start; registered before the silo, since hosted services start in registration order.</summary>
internal sealed class PostgresSchemaInitializer(NpgsqlDataSource dataSource) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => PostgresOrleansSchema.ApplyAsync(dataSource, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
