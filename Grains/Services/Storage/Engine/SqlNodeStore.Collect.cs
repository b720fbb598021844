using System.Data;
using System.Diagnostics;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Collection;
using AeorDb.Grains.Services.Hashing;

namespace AeorDb.Grains.Services.Storage.Engine;

/// <summary>
/// Garbage collection (<see cref="ICollectableStore"/>): the mark phase reads one snapshot on a connection of its own
/// (writes go on meanwhile); the sweep runs in the writer loop in a transaction of its own, sparing whatever was put or
/// committed since the snapshot (<see cref="InFlightObjects"/>) and, on a shared store, whatever any silo put since the
/// minimum age; then the dialect compacts (SQLite: incremental vacuum; PostgreSQL: VACUUM).
/// </summary>
internal abstract partial class SqlNodeStore
{
    public async Task<GcResult> CollectAsync(GarbageCollectionOptions options, bool dryRun, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        var started = Stopwatch.GetTimestamp();
        InFlight.BeginCollection(options.InFlightProtection);
        try
        {
            // The mark phase reads object by object with the providers' synchronous calls: off the caller's thread.
            var (plan, putBefore) = await Task.Run(() => PlanAsync(options, cancellationToken), cancellationToken).ConfigureAwait(false);
            long garbage, bytes, live = plan.LiveEntries;
            if (dryRun)
            {
                var keep = InFlight.Protected();
                var unprotected = plan.Candidates.Where(c => !keep.Contains(ObjectKey.From(c.Hash))).ToList();
                (garbage, bytes) = (unprotected.Count, unprotected.Sum(c => c.Length));
                live += plan.Candidates.Count - unprotected.Count;
            }
            else
            {
                var sweep = new SweepWrite(plan) { PutBeforeMs = putBefore };
                await EnqueueAsync(sweep, CancellationToken.None).ConfigureAwait(false);
                (garbage, bytes) = (sweep.Swept, sweep.SweptBytes);
                live += sweep.Spared;
            }

            var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogCollected(dryRun, plan.VersionsScanned, live, garbage, bytes, elapsed);
            return new GcResult(plan.VersionsScanned, live, garbage, bytes, elapsed, dryRun);
        }
        finally
        {
            InFlight.EndCollection();
        }
    }

    /// <summary>The mark phase on one snapshot: HEAD and the retained roots, the catalog and the retained versions, then every object unmarked.</summary>
    private async Task<(CollectionPlan Plan, long PutBeforeMs)> PlanAsync(GarbageCollectionOptions options, CancellationToken cancellationToken)
    {
        await using var scope = await BeginSnapshotAsync(cancellationToken).ConfigureAwait(false);
        var now = await ReadSnapshotNowAsync(scope, cancellationToken).ConfigureAwait(false);
        var putBefore = SharedStoreMinAge(options) is { } minAge ? now - (long)minAge.TotalMilliseconds : long.MaxValue;
        var rules = new RetentionRules(options, now);
        var plan = new CollectionPlan();

        // Directory nodes and version records are read one by one on the snapshot.
        await using var read = scope.Command(Sql.SelectObjectData);
        var marker = new ReachabilityMarker(hash =>
        {
            read.Parameters[0].Value = hash;
            return read.ExecuteScalar() as byte[];
        });

        var kept = new HashSet<ObjectKey>();
        await using (var headQuery = scope.Command(Sql.SelectHeadRoot))
        {
            if (await headQuery.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is byte[] head)
            {
                kept.Add(ObjectKey.From(head));
                marker.MarkTree(head);
            }
        }

        var rank = 0;
        await ForEachRowAsync(scope, Sql.SelectRoots, row =>
        {
            var hash = (byte[])row.GetValue(1);
            if (!rules.KeepsRoot(rank++, row.GetInt64(2)))
            {
                plan.DroppedRoots.Add(row.GetInt64(0));
            }
            else if (kept.Add(ObjectKey.From(hash)))
            {
                marker.MarkTree(hash);
            }
        }, cancellationToken).ConfigureAwait(false);
        plan.VersionsScanned = kept.Count;
        cancellationToken.ThrowIfCancellationRequested();
        await ForEachRowAsync(scope, Sql.SelectCatalogObjects, row => marker.MarkEntry((EntryKind)row.GetInt64(0), (byte[])row.GetValue(1)), cancellationToken).ConfigureAwait(false);
        await MarkHistoryAsync(scope, rules, marker, plan, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        await ForEachRowAsync(scope, Sql.SelectObjects, row =>
        {
            var hash = (byte[])row.GetValue(0);

            // System objects (users, keys, configuration) are always kept; so is what another silo put lately.
            if (row.GetBoolean(2) || row.GetInt64(4) >= putBefore || marker.Marked.Contains(ObjectKey.From(hash)))
            {
                plan.LiveEntries++;
            }
            else
            {
                plan.Candidates.Add((hash, (ObjectKind)row.GetInt64(1), row.GetInt64(3)));
            }
        }, cancellationToken).ConfigureAwait(false);
        await scope.Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (plan, putBefore);
    }

    private ValueTask MarkHistoryAsync(WriteScope scope, RetentionRules rules, ReachabilityMarker marker, CollectionPlan plan, CancellationToken cancellationToken)
    {
        string? path = null;
        var rank = 0;
        return ForEachRowAsync(scope, Sql.SelectHistoryByPath, row =>
        {
            var rowPath = row.GetString(1);
            rank = rowPath == path ? rank + 1 : 0;
            path = rowPath;
            if (!RetentionRules.KeepsHistoryRow(rank))
            {
                plan.DroppedHistory.Add(row.GetInt64(0));
            }
            else if (rules.KeepsVersion(rank, row.GetInt64(4)))
            {
                marker.MarkEntry((EntryKind)row.GetInt64(2), (byte[])row.GetValue(3));
            }
        }, cancellationToken);
    }

    /// <summary>
    /// The sweep inside the writer's transaction: the plan's candidates except those protected here (and the chunks of
    /// protected version records, which may be candidates too), deleted by the dialect with the dropped root and history rows.
    /// </summary>
    private async Task SweepAsync(WriteScope scope, SweepWrite sweep)
    {
        var keep = InFlight.Protected();
        sweep.Swept = sweep.SweptBytes = sweep.Spared = 0;
        await using (var read = scope.Command(Sql.SelectObjectData))
        {
            foreach (var (hash, _, _) in sweep.Plan.Candidates.Where(c => c.Kind == ObjectKind.FileVersion && keep.Contains(ObjectKey.From(c.Hash))))
            {
                read.Parameters[0].Value = hash;
                if (await read.ExecuteScalarAsync().ConfigureAwait(false) is byte[] data)
                {
                    foreach (var chunk in ContentHasher.DecodeFileVersion(Convert.ToHexStringLower(hash), data, system: false).ChunkHashes)
                    {
                        if (ObjectKey.TryParse(chunk, out var chunkKey))
                        {
                            keep.Add(chunkKey);
                        }
                    }
                }
            }
        }

        var doomed = sweep.Plan.Candidates.Where(c => !keep.Contains(ObjectKey.From(c.Hash))).ToList();
        await DeleteSweptAsync(scope, sweep, doomed).ConfigureAwait(false);

        // What was doomed but not deleted was put again since the cutoff (another silo's put): live too.
        sweep.Spared = sweep.Plan.Candidates.Count - sweep.Swept;
    }
}
