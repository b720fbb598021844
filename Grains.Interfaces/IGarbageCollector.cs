using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Interfaces;

/// <summary>
/// The node's garbage collector (a DI singleton): marks every object reachable from HEAD, the retained past roots,
/// the retained versions of each path, conflict records and system data, and sweeps the rest. Runs beside writes and
/// pulls without losing any of them; one collection at a time per silo.
/// </summary>
public interface IGarbageCollector
{
    /// <summary>Collects once; with <paramref name="dryRun"/> it only counts what it would reclaim.</summary>
    Task<GcResult> CollectAsync(bool dryRun, CancellationToken cancellationToken = default);
}
