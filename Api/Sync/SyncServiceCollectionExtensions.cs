using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Api.Sync;

/// <summary>Registers the sync protocol's services.</summary>
internal static class SyncServiceCollectionExtensions
{
    public static IServiceCollection AddSyncServices(this IServiceCollection services)
    {
        services.AddSingleton<SyncDiffService>();
        services.AddSingleton<SyncChunkService>();
        services.AddSingleton<PeerService>();
        services.AddSingleton<ConflictService>();
        services.AddSingleton<JoinService>();
        services.AddSingleton<JoinRateLimiter>();
        services.AddSingleton<ClusterJoiner>();
        services.AddHttpClient(ClusterJoiner.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        return services;
    }
}
