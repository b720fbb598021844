using AeorDb.Grains.Services.Storage;

namespace AeorDb.Silo.CommandLine;

/// <summary>How the node keeps its data: durability of writes, how much history it retains, and garbage collection.</summary>
internal sealed record StorageOptions
{
    /// <summary>When an acknowledged write reaches the disk (<c>--durability normal|full</c>, default normal).</summary>
    public Durability Durability { get; init; } = Durability.Normal;

    /// <summary>Past versions kept per path and past roots kept per node, besides HEAD (<c>--history-keep-versions</c>, default 16).</summary>
    public int HistoryKeepVersions { get; init; } = 16;

    /// <summary>Versions and roots younger than this are kept whatever their count (<c>--history-keep-days</c>, default 30).</summary>
    public TimeSpan HistoryKeepAge { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Interval of the periodic garbage collection (<c>--gc-interval-ms</c>); null (0, the default) runs it only on request.</summary>
    public TimeSpan? GcInterval { get; init; }

    /// <summary>PostgreSQL scale-out: objects put more recently than this are never collected (<c>--gc-min-age-ms</c>, default 6 h).</summary>
    public TimeSpan GcMinAge { get; init; } = TimeSpan.FromHours(6);

    /// <summary>SQLite: chunks at least this long go to segment files (<c>--segment-threshold-bytes</c>, default 64 KiB).</summary>
    public int SegmentThresholdBytes { get; init; } = 64 * 1024;

    /// <summary>SQLite: segment file size at which appends roll over (<c>--segment-max-bytes</c>, default 256 MiB).</summary>
    public long SegmentMaxBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>SQLite: largest single write of a segment append (<c>--segment-write-bytes</c>, default 16 KiB).</summary>
    public int SegmentWriteBytes { get; init; } = 16 * 1024;

    /// <summary>SQLite: live fraction below which garbage collection compacts a segment (<c>--segment-compact-percent</c>, default 50 %).</summary>
    public double SegmentCompactLiveFraction { get; init; } = 0.5;
}
