using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace AeorDb.Silo.Health;

/// <summary>Ready while Orleans membership lists this silo as active (not joining, shutting down or declared dead).</summary>
internal sealed class MembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(local.SiloAddress);
        var active = snapshot.Members.Values.Count(member => member.Status == SiloStatus.Active);
        var data = new Dictionary<string, object> { ["silo_status"] = status.ToString(), ["active_silos"] = active };
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"this silo is active ({active} active)", data)
            : HealthCheckResult.Unhealthy($"this silo is {status} in the membership", data: data));
    }
}
