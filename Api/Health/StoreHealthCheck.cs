using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AeorDb.Api.Health;

/// <summary>Ready while the store takes writes (<see cref="StoreProbe"/>).</summary>
internal sealed class StoreHealthCheck(StoreProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await probe.CheckAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return result.Writable ? HealthCheckResult.Healthy(result.Description) : HealthCheckResult.Unhealthy(result.Description);
    }
}
