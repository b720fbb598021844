using System.Diagnostics;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Collection;
using Microsoft.Data.Sqlite;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// Garbage collection: the mark phase reads one snapshot on a connection of its own (writes go on meanwhile), the
/// sweep runs in the writer loop in a transaction of its own, sparing whatever was put or committed since the
/// snapshot (<see cref="InFlightObjects"/>), and the compaction gives the freed pages back to the file system.
/// </summary>
internal sealed partial class SqliteObjectStore
{
    public async Task<GcResult> CollectAsync(GarbageCollectionOptions options, bool dryRun, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        var started = Stopwatch.GetTimestamp();
        _inFlight.BeginCollection(options.InFlightProtection);
        try
        {
            var rules = new RetentionRules(options, _time.GetUtcNow().ToUnixTimeMilliseconds());
            var plan = await Task.Run(() => Plan(rules, cancellationToken), cancellationToken).ConfigureAwait(false);
            long garbage, bytes, live = plan.LiveEntries;
            if (dryRun)
            {
                var keep = _inFlight.Protected();
                var unprotected = plan.Candidates.Where(c => !keep.Contains(ObjectKey.From(c.Hash))).ToList();
                (garbage, bytes) = (unprotected.Count, unprotected.Sum(c => c.Length));
                live += plan.Candidates.Count - unprotected.Count;
            }
            else
            {
                var sweep = new SweepWrite(plan);
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
            _inFlight.EndCollection();
        }
    }

    /// <summary>The mark phase on one read snapshot: retained roots, catalog and retained versions, then every object unmarked.</summary>
    private CollectionPlan Plan(RetentionRules rules, CancellationToken cancellationToken)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs()}");
        using var transaction = connection.BeginTransaction(deferred: true);
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = SqliteCollectSql.SelectObjectData;
        var hashParameter = read.Parameters.Add("$hash", SqliteType.Blob);
        var marker = new ReachabilityMarker(hash =>
        {
            hashParameter.Value = hash;
            return read.ExecuteScalar() as byte[];
        });

        var plan = new CollectionPlan();
        MarkRoots(connection, transaction, rules, marker, plan);
        cancellationToken.ThrowIfCancellationRequested();
        ForEachRow(connection, transaction, SqliteCollectSql.SelectCatalogObjects, row => marker.MarkEntry((EntryKind)row.GetInt64(0), (byte[])row.GetValue(1)));
        MarkHistory(connection, transaction, rules, marker, plan);
        cancellationToken.ThrowIfCancellationRequested();
        ForEachRow(connection, transaction, SqliteCollectSql.SelectObjects, row =>
        {
            var hash = (byte[])row.GetValue(0);
            if (row.GetInt64(2) != 0 || marker.Marked.Contains(ObjectKey.From(hash)))
            {
                // System objects (users, keys, configuration) are always kept.
                plan.LiveEntries++;
            }
            else
            {
                plan.Candidates.Add((hash, (ObjectKind)row.GetInt64(1), row.GetInt64(3)));
            }
        });
        return plan;
    }

    private static void MarkRoots(SqliteConnection connection, SqliteTransaction transaction, RetentionRules rules, ReachabilityMarker marker, CollectionPlan plan)
    {
        var rank = 0;
        var kept = new HashSet<ObjectKey>();
        ForEachRow(connection, transaction, SqliteCollectSql.SelectRoots, row =>
        {
            var hash = (byte[])row.GetValue(1);
            if (rules.KeepsRoot(rank++, row.GetInt64(2)))
            {
                if (kept.Add(ObjectKey.From(hash)))
                {
                    marker.MarkTree(hash);
                }
            }
            else
            {
                plan.DroppedRoots.Add(row.GetInt64(0));
            }
        });
        plan.VersionsScanned = kept.Count;
    }

    private static void MarkHistory(SqliteConnection connection, SqliteTransaction transaction, RetentionRules rules, ReachabilityMarker marker, CollectionPlan plan)
    {
        string? path = null;
        var rank = 0;
        ForEachRow(connection, transaction, SqliteCollectSql.SelectHistory, row =>
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
        });
    }

    private static void ForEachRow(SqliteConnection connection, SqliteTransaction transaction, string sql, Action<SqliteDataReader> action)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            action(reader);
        }
    }
}
