using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Api.Events;

/// <summary>Registers the node's event bus, the change-event and sync-result builders, the streams and the heartbeat emitter.</summary>
internal static class EventsServiceCollectionExtensions
{
    public static IServiceCollection AddEventServices(this IServiceCollection services)
    {
        services.AddSingleton<EventBus>();
        services.AddSingleton<IEventPublisher>(provider => provider.GetRequiredService<EventBus>());
        services.AddSingleton<ChangeEvents>();
        services.AddSingleton<AeorDb.Grains.Interfaces.ISyncResultSink, SyncResultEvents>();
        services.AddSingleton<EventStreams>();
        services.AddHostedService<HeartbeatService>();
        return services;
    }
}
