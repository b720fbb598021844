namespace AeorDb.Api.Health;

/// <summary>Thresholds and timings of the health checks behind <c>/health/ready</c> and <c>/system/health</c>.</summary>
public sealed class HealthOptions
{
    /// <summary>Free bytes the database's disk must keep for the node to be ready (<c>--ready-min-free-disk-mb</c>, default 256 MiB).</summary>
    public long MinFreeDiskBytes { get; set; } = 256L << 20;

    /// <summary>How long a store probe's answer is reused, so frequent probes and health polls cost one write of a few bytes per period.</summary>
    public TimeSpan StoreProbeCacheTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the store may take to answer a probe before it counts as failed.</summary>
    public TimeSpan StoreProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
