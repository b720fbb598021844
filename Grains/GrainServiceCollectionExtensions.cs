using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Services.Clock;
using AeorDb.Grains.Services.Paths;
using AeorDb.Grains.Services.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AeorDb.Grains;

/// <summary>Registers the node-wide services grains and the Api use (DESIGN "Node-wide services are DI singletons").</summary>
internal static class GrainServiceCollectionExtensions
{
    /// <summary>
    /// Adds the clock, path rules and the embedded SQLite store on <paramref name="databasePath"/>. The store is one
    /// instance seen as <see cref="SqliteObjectStore"/>, <see cref="IObjectStore"/> and <see cref="ITreeStore"/>;
    /// the host calls <see cref="SqliteObjectStore.InitializeAsync"/> before Orleans starts.
    /// </summary>
    public static IServiceCollection AddAeorDbGrainServices(this IServiceCollection services, string databasePath)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SqliteStoreOptions>().Configure(options => options.DatabasePath = databasePath);
        services.AddSingleton<SqliteObjectStore>();
        services.AddSingleton<IObjectStore>(provider => provider.GetRequiredService<SqliteObjectStore>());
        services.AddSingleton<ITreeStore>(provider => provider.GetRequiredService<SqliteObjectStore>());
        services.AddSingleton<IPathRules, PathRules>();
        services.AddSingleton<IHybridClock, HybridClock>();
        return services;
    }
}
