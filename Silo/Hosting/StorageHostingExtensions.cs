using AeorDb.Grains;
using AeorDb.Grains.Services.Collection;
using AeorDb.Grains.Services.Storage.Postgres;
using AeorDb.Grains.Tree;
using AeorDb.Silo.CommandLine;
using Microsoft.AspNetCore.Builder;

namespace AeorDb.Silo.Hosting;

/// <summary>Chooses the storage backend: the embedded SQLite file (<c>-D</c>), or PostgreSQL shared by several silos (<c>--cluster-db</c>).</summary>
internal static class StorageHostingExtensions
{
    /// <summary>Registers the node services, the object store and the Orleans silo of the chosen backend, in start-up order.</summary>
    public static WebApplicationBuilder AddAeorDbStorage(this WebApplicationBuilder builder, NodeOptions options)
    {
        builder.Services.Configure<GarbageCollectionOptions>(collection =>
        {
            collection.KeepVersions = options.Storage.HistoryKeepVersions;
            collection.KeepAge = options.Storage.HistoryKeepAge;
            collection.Interval = options.Storage.GcInterval;
            collection.SharedStoreMinAge = options.Storage.GcMinAge;
        });
        var siloPort = FreePorts.OrPick(options.SiloPort);
        var gatewayPort = FreePorts.OrPick(options.GatewayPort);
        if (!options.ScaleOut.Enabled)
        {
            builder.Services.AddAeorDbGrainServices(options.DatabasePath, options.Storage.Durability, store =>
            {
                store.SegmentThresholdBytes = options.Storage.SegmentThresholdBytes;
                store.SegmentMaxBytes = options.Storage.SegmentMaxBytes;
                store.SegmentWriteBytes = options.Storage.SegmentWriteBytes;
                store.SegmentCompactLiveFraction = options.Storage.SegmentCompactLiveFraction;
            });
            builder.AddAeorDbOrleans(options.DatabasePath, siloPort, gatewayPort);
            return builder;
        }

        builder.Services.AddAeorDbNodeServices();
        // Silos sharing the store can briefly hold two activations of the tree grain while membership changes; reads
        // keep asking the grain rather than trust a silo-local cache that a commit on another silo would not clear.
        builder.Services.PostConfigure<LocalHeadOptions>(head => head.MaxEntries = 0);
        builder.Services.AddPostgresObjectStore(options.ScaleOut.ClusterDb!, store => store.Durability = options.Storage.Durability);
        builder.AddAeorDbScaleOutOrleans(options, siloPort, gatewayPort);
        return builder;
    }
}
