using AeorDb.Api.Events;
using AeorDb.Silo.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Silo.ScaleOut;

/// <summary>Registers what keeps the silos of one node in step: notifications, forwarded change events, the signing key watch and the peer watch.</summary>
internal static class ScaleOutServiceCollectionExtensions
{
    /// <summary>Call after the Api is added: the event publisher registered here replaces the single-silo one.</summary>
    public static IServiceCollection AddAeorDbScaleOutServices(this IServiceCollection services, ScaleOutOptions options)
    {
        services.AddSingleton(new ScaleOutRuntime(options.PeerWatchInterval));
        services.AddSingleton<SiloNotifications>();
        services.AddHostedService(provider => provider.GetRequiredService<SiloNotifications>());
        services.AddSingleton<ClusterEventPublisher>();
        services.AddSingleton<IEventPublisher>(provider => provider.GetRequiredService<ClusterEventPublisher>());
        services.AddHostedService(provider => provider.GetRequiredService<ClusterEventPublisher>());
        services.AddHostedService<SigningKeyWatch>();
        services.AddHostedService<PeerWatch>();
        return services;
    }
}
