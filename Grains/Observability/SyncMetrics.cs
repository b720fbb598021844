using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AeorDb.Grains.Observability;

/// <summary>Pulls from peers: outcomes, operations and bytes pulled, conflicts found, and how long honeymoons last.</summary>
internal static class SyncMetrics
{
    private static readonly double[] HoneymoonBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];

    private static readonly Counter<long> Pulls = GrainMeter.Meter.CreateCounter<long>(
        "aeordb.sync.pulls", "{pull}", "Pulls from peers, by result (ok, failed)");

    private static readonly Counter<long> Operations = GrainMeter.Meter.CreateCounter<long>(
        "aeordb.sync.operations", "{operation}", "Operations (writes, deletes) applied from peers' pulls");

    private static readonly Counter<long> Bytes = GrainMeter.Meter.CreateCounter<long>(
        "aeordb.sync.bytes", "By", "Chunk bytes received from peers");

    private static readonly Counter<long> Conflicts = GrainMeter.Meter.CreateCounter<long>(
        "aeordb.sync.conflicts", "{conflict}", "Conflicts detected by pulls");

    private static readonly Histogram<double> Honeymoon = GrainMeter.Meter.CreateHistogram(
        "aeordb.peer.honeymoon.duration", "s", "Time from connecting to a peer to it turning active",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = HoneymoonBuckets });

    /// <summary>A pull ended.</summary>
    public static void Pulled(bool ok, int operations, int conflicts)
    {
        Pulls.Add(1, new KeyValuePair<string, object?>("result", ok ? "ok" : "failed"));
        if (operations > 0)
        {
            Operations.Add(operations);
        }

        if (conflicts > 0)
        {
            Conflicts.Add(conflicts);
        }
    }

    /// <summary>A chunk of <paramref name="length"/> bytes came in from a peer.</summary>
    public static void ChunkReceived(int length) => Bytes.Add(length);

    /// <summary>A peer turned active after a honeymoon of <paramref name="duration"/>.</summary>
    public static void HoneymoonEnded(TimeSpan duration) => Honeymoon.Record(duration.TotalSeconds);

    /// <summary>A span for one pull from <paramref name="peerId"/>; the peer's HTTP calls are its children.</summary>
    public static Activity? StartPull(ulong peerId) =>
        GrainMeter.Source.StartActivity("aeordb.sync.pull", ActivityKind.Internal, parentContext: default, tags: [new("aeordb.peer.id", peerId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
}
