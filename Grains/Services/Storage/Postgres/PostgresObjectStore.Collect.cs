using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Collection;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>Garbage collection on PostgreSQL.</summary>
internal sealed partial class PostgresObjectStore
{
    public Task<GcResult> CollectAsync(GarbageCollectionOptions options, bool dryRun, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Garbage collection is not available on the PostgreSQL store yet.");
}
