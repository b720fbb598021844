namespace AeorDb.Silo.CommandLine;

/// <summary>How the node is operated: metrics, the request log, the dashboard and the readiness threshold.</summary>
internal sealed record OperationsOptions
{
    /// <summary>Serve <c>GET /metrics</c> without authentication (<c>--metrics-public</c>); root only by default.</summary>
    public bool MetricsPublic { get; init; }

    /// <summary>One structured log line per request (<c>--request-log</c>); off by default.</summary>
    public bool RequestLog { get; init; }

    /// <summary>Serve the Orleans Dashboard at <c>/dashboard</c> to root (<c>--dashboard</c>); off by default.</summary>
    public bool Dashboard { get; init; }

    /// <summary>Free disk space below which <c>/health/ready</c> answers 503 (<c>--ready-min-free-disk-mb</c>, default 256 MiB).</summary>
    public long ReadyMinFreeDiskBytes { get; init; } = 256L << 20;
}
