using AeorDb.Api.SystemRoutes;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Health;

/// <summary>
/// Ready while the database's disk keeps at least <see cref="HealthOptions.MinFreeDiskBytes"/> free; degraded (still
/// ready) past the contract's 90 % used mark, as <c>/system/health</c> reports it.
/// </summary>
internal sealed class DiskSpaceHealthCheck(IOptions<ApiOptions> api, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var minimum = options.Value.MinFreeDiskBytes;
        if (DiskUsage.FreeBytes(api.Value.DataDirectory) is not { } free)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the database's disk cannot be read"));
        }

        var data = new Dictionary<string, object> { ["free_bytes"] = free, ["min_free_bytes"] = minimum };
        if (free < minimum)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"{free >> 20} MiB free, below the {minimum >> 20} MiB minimum", data: data));
        }

        var used = DiskUsage.UsedRatio(api.Value.DataDirectory);
        return Task.FromResult(used > api.Value.DiskDegradedRatio
            ? HealthCheckResult.Degraded($"{used:P0} of the disk used", data: data)
            : HealthCheckResult.Healthy($"{free >> 20} MiB free", data));
    }
}
