using AeorDb.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AeorDb.Silo.Hosting;

/// <summary>The Orleans silo of the embedded default: localhost clustering and ADO.NET grain state in the <c>-D</c> SQLite file.</summary>
internal static class OrleansHostingExtensions
{
    /// <summary>The grain storage provider name grains use in <c>[PersistentState("state", "aeordb")]</c>.</summary>
    public const string StorageName = "aeordb";

    /// <summary>ADO.NET invariant for SQLite; Orleans serves it with Microsoft.Data.Sqlite.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// Cluster and service id. The service id keys every grain state row, so it must never change for a database
    /// file; nodes are told apart by their files and ports, not by these ids.
    /// </summary>
    public const string ClusterAndServiceId = "aeordb";

    /// <summary>
    /// Adds the Orleans schema initializer and the silo. Call after the object store is registered: the store
    /// must create the file first (its page size only applies to a file without tables).
    /// </summary>
    public static IHostApplicationBuilder AddAeorDbOrleans(this IHostApplicationBuilder builder, string databasePath, int siloPort, int gatewayPort)
    {
        var connectionString = SqliteDatabase.ConnectionString(databasePath);
        builder.Services.AddHostedService(_ => new OrleansSchemaInitializer(connectionString));
        var dataSource = new BusyTimeoutSqliteDataSource(connectionString);

        // Orleans does not own the data source; the container disposes it at shutdown.
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddSingleton<INodeBootstrapLock, SingleSiloBootstrapLock>();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort, serviceId: ClusterAndServiceId, clusterId: ClusterAndServiceId)
            .AddAdoNetGrainStorage(StorageName, options =>
            {
                options.Invariant = SqliteInvariant;
                options.DataSource = dataSource;
            }));
        return builder;
    }
}
