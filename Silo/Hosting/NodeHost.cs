using AeorDb.Api;
using AeorDb.Silo.CommandLine;
using AeorDb.Silo.ScaleOut;
using Microsoft.AspNetCore.Builder;

namespace AeorDb.Silo.Hosting;

/// <summary>Composes a node's host from its options: logging, Kestrel, node services, Orleans, the Api and its operational routes.</summary>
internal static class NodeHost
{
    /// <summary>Builds the node's application, every route mapped, not yet started (<see cref="NodeStartup.RunAsync"/> starts it).</summary>
    public static WebApplication Build(NodeOptions options, NodePreparation.Prepared prepared, string version)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The node reads no appsettings files, so nothing is watched: the default reload-on-change watches
            // the content root recursively, and with the working directory there (often where the database
            // lives) every WAL write woke the watcher (~8% of the CPU under small PUTs).
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.AddAeorDbConsole(options.LogFormat);
        builder.ConfigureAeorDbKestrel(options, prepared.Certificate);
        builder.AddAeorDbLimits(options.Limits);
        builder.AddAeorDbStorage(options);
        builder.Services.Configure<AeorDb.Grains.Services.Peers.PeerOptions>(peers =>
        {
            peers.HoneymoonSamples = options.HoneymoonSamples;
            peers.HoneymoonMaxJitter = options.HoneymoonMaxJitter;
            peers.SyncInterval = options.SyncInterval;
            peers.SyncDebounce = options.SyncDebounce;
            peers.HeartbeatTimeout = AeorDb.Grains.Services.Peers.PeerOptions.HeartbeatTimeoutFor(options.HeartbeatInterval ?? TimeSpan.FromSeconds(15));
        });
        // How the tree grain batches writes has no flag; the environment can tune it (AeorDb__Tree__PipelineDepth=2, AeorDb__Tree__BatchLinger=00:00:00.001, ...).
        builder.Services.Configure<AeorDb.Grains.Tree.TreeCommitOptions>(builder.Configuration.GetSection("AeorDb:Tree"));
        if (options.PeerLink.TestGrainTimeout is { } grainTimeout)
        {
            builder.Services.Configure<Orleans.Configuration.SiloMessagingOptions>(messaging => messaging.ResponseTimeout = grainTimeout);
        }

        builder.Services.AddPeerTrust(prepared.PeerAuthorities);
        builder.Services.AddAeorDbApi(api => api.ConfigureFrom(options, version));
        builder.AddAeorDbObservability(options, version);
        if (options.ScaleOut.Enabled)
        {
            builder.Services.AddAeorDbScaleOutServices(options.ScaleOut);
        }

        var app = builder.Build();
        app.UseAeorDbWithOperations(options);
        return app;
    }
}
