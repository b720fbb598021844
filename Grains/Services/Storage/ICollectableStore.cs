using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Collection;

namespace AeorDb.Grains.Services.Storage;

/// <summary>A store that can collect its garbage (see <see cref="IGarbageCollector"/>): each backend marks on a snapshot and sweeps in its writer.</summary>
internal interface ICollectableStore
{
    /// <summary>Marks, sweeps (unless <paramref name="dryRun"/>) and compacts once; the caller runs one collection at a time.</summary>
    Task<GcResult> CollectAsync(GarbageCollectionOptions options, bool dryRun, CancellationToken cancellationToken = default);
}
