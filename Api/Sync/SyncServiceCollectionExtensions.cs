using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Api.Sync;

/// <summary>Registers the sync protocol's services.</summary>
internal static class SyncServiceCollectionExtensions
{
    public static IServiceCollection AddSyncServices(this IServiceCollection services)
    {
        services.AddSingleton<SyncDiffService>();
        services.AddSingleton<SyncChunkService>();
        return services;
    }
}
