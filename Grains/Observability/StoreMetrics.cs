using System.Diagnostics.Metrics;

namespace AeorDb.Grains.Observability;

/// <summary>Commits and group-commit batch sizes: the tree's commits and the store writer's transactions.</summary>
internal static class StoreMetrics
{
    private static readonly int[] BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    private static readonly Counter<long> TreeCommits = GrainMeter.Meter.CreateCounter<long>(
        "aeordb.tree.commits", "{commit}", "Tree commits (new HEAD roots) written");

    private static readonly Histogram<int> TreeCommitCalls = GrainMeter.Meter.CreateHistogram(
        "aeordb.tree.commit.batch_size", "{call}", "Commit calls (writes, deletes, pulls) grouped into one tree commit",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchBuckets });

    private static readonly Histogram<int> StoreBatch = GrainMeter.Meter.CreateHistogram(
        "aeordb.store.write.batch_size", "{write}", "Queued writes (objects, tree commits) applied in one store transaction",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchBuckets });

    private static readonly Counter<long> StoreBatchFailures = GrainMeter.Meter.CreateCounter<long>(
        "aeordb.store.write.failures", "{transaction}", "Store transactions that failed and were rolled back");

    /// <summary>A tree commit of <paramref name="calls"/> grouped calls is durable.</summary>
    public static void TreeCommitted(int calls)
    {
        TreeCommits.Add(1);
        TreeCommitCalls.Record(calls);
    }

    /// <summary>One store transaction of <paramref name="writes"/> queued writes committed.</summary>
    public static void BatchCommitted(int writes) => StoreBatch.Record(writes);

    /// <summary>One store transaction failed.</summary>
    public static void BatchFailed() => StoreBatchFailures.Add(1);
}
