using System.Data;
using System.Diagnostics;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Collection;
using AeorDb.Grains.Services.Hashing;
using Npgsql;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>
/// Garbage collection on PostgreSQL: the mark phase reads one REPEATABLE READ snapshot, the sweep runs in this silo's
/// writer loop (after its own commits, sparing its writes in flight) and deletes only objects not put since the minimum
/// age (<see cref="GarbageCollectionOptions.SharedStoreMinAge"/>), which spares the other silos' writes in flight.
/// Freed space is reused by PostgreSQL (a plain VACUUM after the sweep); VACUUM FULL would return it to the file
/// system but locks the table, so it is left to the operator.
/// </summary>
internal sealed partial class PostgresObjectStore
{
    public async Task<GcResult> CollectAsync(GarbageCollectionOptions options, bool dryRun, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        _inFlight.BeginCollection(options.InFlightProtection);
        try
        {
            var (plan, putBefore) = await PlanAsync(options, cancellationToken).ConfigureAwait(false);
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
                var sweep = new SweepWrite(plan) { PutBeforeMs = putBefore };
                await EnqueueAsync(sweep, CancellationToken.None).ConfigureAwait(false);
                (garbage, bytes) = (sweep.Swept, sweep.SweptBytes);
                live += plan.Candidates.Count - sweep.Swept;
            }

            var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return new GcResult(plan.VersionsScanned, live, garbage, bytes, elapsed, dryRun);
        }
        finally
        {
            _inFlight.EndCollection();
        }
    }

    private async Task<(CollectionPlan Plan, long PutBeforeMs)> PlanAsync(GarbageCollectionOptions options, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var now = Convert.ToInt64(await ScalarAsync(connection, transaction, PostgresCollectSql.SelectNow, cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        var putBefore = now - (long)options.SharedStoreMinAge.TotalMilliseconds;
        var rules = new RetentionRules(options, now);
        var plan = new CollectionPlan();

        // Directory nodes and version records are read one by one on the snapshot (synchronously: the marker is shared).
        await using var read = new NpgsqlCommand(PostgresCollectSql.SelectObjectData, connection, transaction);
        var key = new NpgsqlParameter<byte[]>();
        read.Parameters.Add(key);
        var marker = new ReachabilityMarker(hash =>
        {
            key.TypedValue = hash;
            return read.ExecuteScalar() as byte[];
        });

        var kept = new HashSet<ObjectKey>();
        if (await ScalarAsync(connection, transaction, PostgresCollectSql.SelectHead, cancellationToken).ConfigureAwait(false) is byte[] head)
        {
            kept.Add(ObjectKey.From(head));
            marker.MarkTree(head);
        }

        var rank = 0;
        foreach (var row in await ReadAllAsync(connection, transaction, PostgresCollectSql.SelectRoots, cancellationToken).ConfigureAwait(false))
        {
            var hash = (byte[])row[1];
            if (!rules.KeepsRoot(rank++, (long)row[2]))
            {
                plan.DroppedRoots.Add((long)row[0]);
            }
            else if (kept.Add(ObjectKey.From(hash)))
            {
                marker.MarkTree(hash);
            }
        }

        plan.VersionsScanned = kept.Count;
        foreach (var row in await ReadAllAsync(connection, transaction, PostgresCollectSql.SelectCatalogObjects, cancellationToken).ConfigureAwait(false))
        {
            marker.MarkEntry((EntryKind)(short)row[0], (byte[])row[1]);
        }

        MarkHistory(await ReadAllAsync(connection, transaction, PostgresCollectSql.SelectHistory, cancellationToken).ConfigureAwait(false), rules, marker, plan);
        foreach (var row in await ReadAllAsync(connection, transaction, PostgresCollectSql.SelectObjects, cancellationToken).ConfigureAwait(false))
        {
            var hash = (byte[])row[0];
            if ((bool)row[2] || (long)row[4] >= putBefore || marker.Marked.Contains(ObjectKey.From(hash)))
            {
                plan.LiveEntries++;
            }
            else
            {
                plan.Candidates.Add((hash, (ObjectKind)(short)row[1], (int)row[3]));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (plan, putBefore);
    }

    private static void MarkHistory(List<object[]> rows, RetentionRules rules, ReachabilityMarker marker, CollectionPlan plan)
    {
        string? path = null;
        var rank = 0;
        foreach (var row in rows)
        {
            var rowPath = (string)row[1];
            rank = rowPath == path ? rank + 1 : 0;
            path = rowPath;
            if (!RetentionRules.KeepsHistoryRow(rank))
            {
                plan.DroppedHistory.Add((long)row[0]);
            }
            else if (rules.KeepsVersion(rank, (long)row[4]))
            {
                marker.MarkEntry((EntryKind)(short)row[2], (byte[])row[3]);
            }
        }
    }

    /// <summary>The sweep inside the writer's transaction: candidates neither protected here nor put again since the cutoff.</summary>
    private async Task SweepAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SweepWrite sweep)
    {
        var keep = _inFlight.Protected();
        sweep.Swept = sweep.SweptBytes = sweep.Spared = 0;
        await using (var read = new NpgsqlCommand(PostgresCollectSql.SelectObjectData, connection, transaction))
        {
            var key = new NpgsqlParameter<byte[]>();
            read.Parameters.Add(key);
            foreach (var (hash, kind, _) in sweep.Plan.Candidates.Where(c => c.Kind == ObjectKind.FileVersion && keep.Contains(ObjectKey.From(c.Hash))))
            {
                key.TypedValue = hash;
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
        var lengths = doomed.ToDictionary(c => ObjectKey.From(c.Hash), c => c.Length);
        await using (var delete = new NpgsqlCommand(PostgresCollectSql.DeleteObjects, connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. doomed.Select(c => c.Hash)] });
            delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sweep.PutBeforeMs });
            await using var reader = await delete.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                sweep.Swept++;
                sweep.SweptBytes += lengths.GetValueOrDefault(ObjectKey.From((byte[])reader.GetValue(0)));
            }
        }

        sweep.Spared = sweep.Plan.Candidates.Count - sweep.Swept;
        await ExecuteAsync(connection, transaction, PostgresCollectSql.DeleteRoots, [.. sweep.Plan.DroppedRoots]).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, PostgresCollectSql.DeleteHistoryRows, [.. sweep.Plan.DroppedHistory]).ConfigureAwait(false);
    }

    /// <summary>After a durable batch: its tree commits release their in-flight objects; a sweep lets PostgreSQL reuse the space.</summary>
    private async Task AfterCommitAsync(List<PendingWrite> batch)
    {
        foreach (var write in batch)
        {
            switch (write)
            {
                case CommitWrite { Failure: null } commit:
                    _inFlight.Committed(commit.Commit.Upserts.Select(static e => e.Hash), commit.Commit.Objects.Select(static o => o.Hash));
                    break;
                case SweepWrite:
                    try
                    {
                        await using var vacuum = DataSource.CreateCommand("VACUUM aeor_objects");
                        vacuum.CommandTimeout = 0;
                        await vacuum.ExecuteNonQueryAsync().ConfigureAwait(false);
                    }
                    catch (NpgsqlException exception)
                    {
                        LogVacuumFailed(exception);
                    }

                    break;
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, long[] seqs)
    {
        if (seqs.Length == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = seqs });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<object[]>> ReadAllAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<object[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }
}
