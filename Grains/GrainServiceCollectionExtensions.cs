using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Services.Clock;
using AeorDb.Grains.Services.Collection;
using AeorDb.Grains.Services.Hashing;
using AeorDb.Grains.Services.Paths;
using AeorDb.Grains.Services.Peers;
using AeorDb.Grains.Services.Storage;
using AeorDb.Grains.Tree;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AeorDb.Grains;

/// <summary>Registers the node-wide services grains and the Api use (DESIGN "Node-wide services are DI singletons").</summary>
internal static class GrainServiceCollectionExtensions
{
    /// <summary>
    /// Adds the clock, path rules and the embedded SQLite store on <paramref name="databasePath"/>. The store is one
    /// instance seen as <see cref="SqliteObjectStore"/>, <see cref="IObjectStore"/> and <see cref="ITreeStore"/>;
    /// its hosted initializer opens it, so register these before Orleans.
    /// </summary>
    public static IServiceCollection AddAeorDbGrainServices(this IServiceCollection services, string databasePath, Durability durability = Durability.Normal, Action<SqliteStoreOptions>? tune = null)
    {
        services.AddSqliteObjectStore(options =>
        {
            options.DatabasePath = databasePath;
            options.Durability = durability;
            tune?.Invoke(options);
        });
        return services.AddAeorDbNodeServices();
    }

    /// <summary>
    /// Adds the node-wide services without a store: the clock, path rules and peer clients. A node on PostgreSQL
    /// registers these and <c>AddPostgresObjectStore</c> (before Orleans) instead of <see cref="AddAeorDbGrainServices"/>.
    /// </summary>
    public static IServiceCollection AddAeorDbNodeServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IPathRules, PathRules>();
        services.AddSingleton<IHybridClock, HybridClock>();
        services.AddOptions<LocalHeadOptions>();
        services.AddSingleton<LocalHead>();
        services.AddSingleton<ILocalHead>(provider => provider.GetRequiredService<LocalHead>());
        // The puller needs an IPeerTokenSource, which the Api registers.
        services.AddHttpClient(PeerPuller.HttpClientName, client => client.Timeout = TimeSpan.FromMinutes(5))
            .AddResilienceHandler(PeerHttpResilience.PipelineName, PeerHttpResilience.Configure);
        services.AddSingleton<IPeerPuller, PeerPuller>();
        services.AddOptions<PeerOptions>();
        services.AddOptions<Tree.TreeCommitOptions>()
            .Validate(static options => options.PipelineDepth is 1 or 2, "TreeCommitOptions.PipelineDepth must be 1 or 2.")
            .ValidateOnStart();
        services.AddHttpClient(PeerEventClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<PeerEventClient>();
        services.AddOptions<GarbageCollectionOptions>();
        services.AddSingleton<IGarbageCollector, GarbageCollector>();
        services.AddHostedService<PeriodicCollection>();
        services.AddOptions<HashingWarmUpOptions>();
        services.AddHostedService<HashingWarmUp>();
        return services;
    }
}
