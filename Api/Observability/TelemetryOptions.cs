namespace AeorDb.Api.Observability;

/// <summary>Options of the node's operational surface: metrics, the request log, the dashboard.</summary>
public sealed class TelemetryOptions
{
    /// <summary>Serve <c>GET /metrics</c> to anyone (<c>--metrics-public</c>); root only when false.</summary>
    public bool MetricsPublic { get; set; }

    /// <summary>Write one structured line per request (<c>--request-log</c>); off by default.</summary>
    public bool RequestLog { get; set; }

    /// <summary>Serve the Orleans Dashboard under <see cref="DashboardPath"/> to root (<c>--dashboard</c>); off by default.</summary>
    public bool Dashboard { get; set; }

    /// <summary>Where the dashboard is served.</summary>
    public string DashboardPath { get; set; } = "/dashboard";

    /// <summary>Where the Prometheus text is served.</summary>
    public string MetricsPath { get; set; } = "/metrics";
}
