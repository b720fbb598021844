using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AeorDb.Api.Health;

/// <summary>Registers the node's health checks; the host adds its own (Orleans membership, PostgreSQL) to the returned builder.</summary>
internal static class HealthServiceCollectionExtensions
{
    public static IHealthChecksBuilder AddAeorDbHealth(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>();
        services.AddSingleton<StoreProbe>();
        return services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("serving HTTP"), [HealthTags.Live])
            .AddCheck<StartupHealthCheck>("startup", tags: [HealthTags.Ready])
            .AddCheck<StoreHealthCheck>("store", tags: [HealthTags.Ready])
            .AddCheck<DiskSpaceHealthCheck>("disk", tags: [HealthTags.Ready]);
    }
}
