using AeorDb.Api.SystemRoutes;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AeorDb.Api.Health;

/// <summary>Ready once start-up has completed (auth bootstrapped, joined, peers registered).</summary>
internal sealed class StartupHealthCheck(StartupPhase phase) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(phase.State switch
        {
            StartupState.Serving => HealthCheckResult.Healthy("serving"),
            StartupState.Failed => HealthCheckResult.Unhealthy("start-up failed"),
            _ => HealthCheckResult.Unhealthy("starting"),
        });
}
