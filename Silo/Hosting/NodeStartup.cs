using AeorDb.Api.Auth;
using AeorDb.Api.Sync;
using AeorDb.Api.SystemRoutes;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Services.Storage;
using AeorDb.Silo.CommandLine;
using AeorDb.Silo.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AeorDb.Silo.Hosting;

/// <summary>
/// Brings a built node up in order and runs it until SIGTERM/SIGINT:
/// store, Orleans schema, silo and Kestrel → node id into the clock → auth bootstrap → --join → --peers → serve, print the start-up block.
/// Until the last step the start-up gate answers 503 (500 once failed); a failure exits 1.
/// </summary>
internal static partial class NodeStartup
{
    public static async Task<int> RunAsync(WebApplication app, NodeOptions options, string version)
    {
        var phase = app.Services.GetRequiredService<StartupPhase>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AeorDb.Silo");
        var started = false;
        try
        {
            // Hosted services start in registration order: the object store (it creates the file), the Orleans
            // schema, the silo, then the web server; at shutdown Kestrel stops first, then the silo.
            phase.Advance("silo", "Opening the database and starting the Orleans silo", 0.3);
            await app.StartAsync().ConfigureAwait(false);
            started = true;

            // Silos of one node starting together take turns here, so only the first makes the node id, signing key and root key.
            ulong nodeId;
            string? rootKey;
            await using (await app.Services.GetRequiredService<INodeBootstrapLock>().AcquireAsync(app.Lifetime.ApplicationStopping).ConfigureAwait(false))
            {
                phase.Advance("cluster", "Loading the node identity", 0.6);
                nodeId = await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IClusterGrain>(0).GetNodeIdAsync().ConfigureAwait(false);
                app.Services.GetRequiredService<IHybridClock>().SetNodeId(nodeId);

                phase.Advance("auth", "Preparing authentication", 0.8);
                var bootstrapper = ActivatorUtilities.GetServiceOrCreateInstance<AuthBootstrapper>(app.Services);
                rootKey = await bootstrapper.InitializeAsync(app.Lifetime.ApplicationStopping).ConfigureAwait(false);
            }

            var port = ListeningPort(app, options);
            var joined = false;
            if (options.Join is not null)
            {
                phase.Advance("join", "Joining the cluster", 0.9);
                await JoinAsync(app, options, port).ConfigureAwait(false);
                joined = true;
            }

            int? peersRegistered = null;
            if (options.Peers.Count > 0)
            {
                // Idempotent by address: a restart with the same --peers changes nothing.
                var cluster = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IClusterGrain>(0);
                foreach (var peer in options.Peers)
                {
                    await cluster.AddOrReplacePeerAsync(peer, null, Array.Empty<string>()).ConfigureAwait(false);
                }

                peersRegistered = options.Peers.Count;
            }

            // Every listed peer gets its connection (disconnected → honeymoon → active) from now on.
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            foreach (var peer in await grains.GetGrain<IClusterGrain>(0).GetPeersAsync().ConfigureAwait(false))
            {
                await grains.GetGrain<IPeerGrain>((long)peer.NodeId).StartAsync(peer).ConfigureAwait(false);
            }

            phase.Complete();
            LogStarted(logger, nodeId, options.DatabasePath);
            StartupBanner.Write(Console.Out, options, version, port, rootKey, joined, peersRegistered);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !app.Lifetime.ApplicationStopping.IsCancellationRequested)
        {
            phase.Fail("Start-up failed");
            LogStartFailed(logger, exception);
            var what = exception is ClusterJoinException ? "cluster join failed" : "start-up failed";
            await Console.Error.WriteLineAsync($"aeordb: {what}: {exception.Message}").ConfigureAwait(false);
            if (started)
            {
                await app.StopAsync().ConfigureAwait(false);
            }

            return 1;
        }
        catch (OperationCanceledException)
        {
            // SIGTERM/SIGINT arrived during start-up: a clean stop, not a failure.
            await app.StopAsync().ConfigureAwait(false);
            return 0;
        }

        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// <c>--join</c>: joins the member's cluster, adopting its signing key and recording it as a peer. One-shot:
    /// the key and the peer are persisted, so a restart without the flag stays in the cluster.
    /// </summary>
    private static async Task JoinAsync(WebApplication app, NodeOptions options, int port)
    {
        var advertise = options.AdvertiseUrl;
        if (string.IsNullOrWhiteSpace(advertise))
        {
            advertise = $"{(options.TlsEnabled ? "https" : "http")}://localhost:{port}";
            await Console.Error.WriteLineAsync($"aeordb: warning: no --advertise-url given; telling {options.Join} to reach this node at {advertise}").ConfigureAwait(false);
        }

        var joiner = app.Services.GetRequiredService<ClusterJoiner>();
        await joiner.JoinAsync(options.Join!, options.JoinToken!, advertise, app.Lifetime.ApplicationStopping).ConfigureAwait(false);
    }

    /// <summary>The port Kestrel bound (differs from <c>--port</c> only when that was 0).</summary>
    private static int ListeningPort(WebApplication app, NodeOptions options)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is not null && Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.Port : options.Port;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Node {NodeId} started on {DatabasePath}")]
    private static partial void LogStarted(ILogger logger, ulong nodeId, string databasePath);

    [LoggerMessage(EventId = 2, Level = LogLevel.Critical, Message = "Start-up failed")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);
}
