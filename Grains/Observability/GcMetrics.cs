using System.Diagnostics.Metrics;

namespace AeorDb.Grains.Observability;

/// <summary>
/// Garbage collection of unreachable objects: runs and what they reclaimed. Call <see cref="RunCompleted"/> once per
/// finished run (including runs that found nothing), <see cref="RunFailed"/> when one fails.
/// </summary>
internal static class GcMetrics
{
    private static readonly Counter<long> Runs = GrainMeter.Meter.CreateCounter<long>(
        "aeordb.gc.runs", "{run}", "Garbage collection runs, by result (ok, failed)");

    private static readonly Counter<long> ReclaimedBytes = GrainMeter.Meter.CreateCounter<long>(
        "aeordb.gc.reclaimed.bytes", "By", "Bytes of unreachable objects deleted by garbage collection");

    private static readonly Counter<long> ReclaimedObjects = GrainMeter.Meter.CreateCounter<long>(
        "aeordb.gc.reclaimed.objects", "{object}", "Unreachable objects deleted by garbage collection");

    private static readonly Histogram<double> Duration = GrainMeter.Meter.CreateHistogram<double>(
        "aeordb.gc.duration", "s", "Time one garbage collection run took");

    /// <summary>A run finished, deleting <paramref name="objects"/> objects of <paramref name="bytes"/> bytes in <paramref name="elapsed"/>.</summary>
    public static void RunCompleted(long objects, long bytes, TimeSpan elapsed)
    {
        Runs.Add(1, new KeyValuePair<string, object?>("result", "ok"));
        ReclaimedObjects.Add(objects);
        ReclaimedBytes.Add(bytes);
        Duration.Record(elapsed.TotalSeconds);
    }

    /// <summary>A run failed after <paramref name="elapsed"/>.</summary>
    public static void RunFailed(TimeSpan elapsed)
    {
        Runs.Add(1, new KeyValuePair<string, object?>("result", "failed"));
        Duration.Record(elapsed.TotalSeconds);
    }
}
