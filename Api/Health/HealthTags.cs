namespace AeorDb.Api.Health;

/// <summary>Which endpoint runs a health check.</summary>
public static class HealthTags
{
    /// <summary>Checks of <c>/health/live</c>: the process serves HTTP (no dependency is probed).</summary>
    public const string Live = "live";

    /// <summary>Checks of <c>/health/ready</c>: 503 when any of them is unhealthy.</summary>
    public const string Ready = "ready";
}
