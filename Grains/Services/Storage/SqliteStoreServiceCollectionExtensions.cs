using AeorDb.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AeorDb.Grains.Services.Storage;

/// <summary>Registers the embedded SQLite store.</summary>
internal static class SqliteStoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SqliteObjectStore"/> as the node's <see cref="IObjectStore"/> and <see cref="ITreeStore"/>
    /// (one instance), and a hosted service that initializes it at start. Call this before <c>UseOrleans</c>:
    /// hosted services start in registration order, and the store must create the file (its page size and
    /// WAL mode) before Orleans' provider opens it. The container disposes the store at shutdown, which
    /// drains pending writes.
    /// </summary>
    public static IServiceCollection AddSqliteObjectStore(this IServiceCollection services, Action<SqliteStoreOptions> configure)
    {
        services.Configure(configure);
        services.AddSingleton<SqliteObjectStore>();
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<SqliteObjectStore>());
        services.AddSingleton<ITreeStore>(sp => sp.GetRequiredService<SqliteObjectStore>());
        services.AddSingleton<INodeStore>(sp => sp.GetRequiredService<SqliteObjectStore>());
        services.AddSingleton<IObjectReferences>(sp => sp.GetRequiredService<SqliteObjectStore>());
        services.AddSingleton<IStoreUsage>(sp => sp.GetRequiredService<SqliteObjectStore>());
        services.AddSingleton<ISmallFileStaging>(sp => sp.GetRequiredService<SqliteObjectStore>());
        services.AddHostedService<SqliteStoreInitializer>();
        return services;
    }
}
