using AeorDb.Bench.Measure;

namespace AeorDb.Bench.Scenarios.Files;

/// <summary>One phase on one target in one measured round.</summary>
internal sealed record PhaseSample(
    FilesPhase Phase,
    string Target,
    int Round,
    long Operations,
    long Bytes,
    CpuSpan Span,
    bool Capped,
    long RssGrowthBytes = 0,
    long RssPeakBytes = 0,
    int RssSamples = 0)
{
    /// <summary>Sums slices of one phase: counts and wall time add up, cores are wall-weighted.</summary>
    public static PhaseSample Combine(IReadOnlyList<PhaseSample> parts)
    {
        var wall = parts.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Span.Wall);
        var seconds = Math.Max(wall.TotalSeconds, 1e-9);
        var client = parts.Sum(p => p.Span.ClientCores * p.Span.Wall.TotalSeconds) / seconds;
        var server = parts.Sum(p => p.Span.ServerCores * p.Span.Wall.TotalSeconds) / seconds;
        var other = parts.Sum(p => p.Span.OtherCores * p.Span.Wall.TotalSeconds) / seconds;
        return parts[0] with
        {
            Operations = parts.Sum(p => p.Operations),
            Bytes = parts.Sum(p => p.Bytes),
            Span = new CpuSpan(wall, client, server, other),
            Capped = parts.Any(p => p.Capped),
        };
    }

    public double OpsPerSecond => Operations / Span.Wall.TotalSeconds;

    /// <summary>Decimal megabytes (10^6) per second.</summary>
    public double MegabytesPerSecond => Bytes / 1e6 / Span.Wall.TotalSeconds;
}
