using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Api.Security;

/// <summary>Registers the resource limits and the event-stream gate.</summary>
internal static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddSecurityServices(this IServiceCollection services)
    {
        services.AddOptions<ResourceLimitOptions>();
        services.AddSingleton<EventStreamGate>();
        return services;
    }
}
