using AeorDb.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>Registers the PostgreSQL store (<c>--cluster-db</c>).</summary>
internal static class PostgresStoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="PostgresObjectStore"/> on <paramref name="connectionString"/> as the node's
    /// <see cref="IObjectStore"/>, <see cref="ITreeStore"/> and <see cref="INodeStore"/> (one instance), and a
    /// hosted service that applies the schema and opens it at start; register it before Orleans. Use it
    /// instead of the SQLite store (with <see cref="GrainServiceCollectionExtensions.AddAeorDbNodeServices"/>).
    /// The container disposes the store at shutdown, which drains pending writes.
    /// </summary>
    public static IServiceCollection AddPostgresObjectStore(this IServiceCollection services, string connectionString, Action<PostgresStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.Configure<PostgresStoreOptions>(options =>
        {
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        });
        services.AddSingleton<PostgresObjectStore>();
        services.Replace(ServiceDescriptor.Singleton<IObjectStore>(sp => sp.GetRequiredService<PostgresObjectStore>()));
        services.Replace(ServiceDescriptor.Singleton<ITreeStore>(sp => sp.GetRequiredService<PostgresObjectStore>()));
        services.Replace(ServiceDescriptor.Singleton<INodeStore>(sp => sp.GetRequiredService<PostgresObjectStore>()));
        services.Replace(ServiceDescriptor.Singleton<IObjectReferences>(sp => sp.GetRequiredService<PostgresObjectStore>()));
        services.Replace(ServiceDescriptor.Singleton<IStoreUsage>(sp => sp.GetRequiredService<PostgresObjectStore>()));
        services.AddHostedService<PostgresStoreInitializer>();
        return services;
    }
}
