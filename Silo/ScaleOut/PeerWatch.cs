using AeorDb.Api.SystemRoutes;
using AeorDb.Grains.Interfaces;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AeorDb.Silo.ScaleOut;

/// <summary>
/// Keeps every listed peer's connection running while silos come and go. A peer grain's connection and loops are
/// grain timers and a stream task of its activation, which die with the silo hosting it; nothing would call the
/// grain again, so its peer would stay unsynced. Every silo therefore asks each listed peer's grain to start
/// (idempotent) once per <see cref="ScaleOutRuntime.PeerWatchInterval"/>: the first call after the silo's death
/// re-activates the grain on a live silo, which reconnects through a fresh honeymoon.
/// </summary>
internal sealed partial class PeerWatch(
    IGrainFactory grains,
    StartupPhase phase,
    ScaleOutRuntime runtime,
    TimeProvider time,
    ILogger<PeerWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(runtime.PeerWatchInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                // Start-up makes the node id and starts the peers itself; the watch only keeps them going after.
                if (phase.State == StartupState.Serving)
                {
                    await EnsurePeersRunningAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task EnsurePeersRunningAsync()
    {
        IReadOnlyList<Grains.Interfaces.Models.PeerRecord> peers;
        try
        {
            peers = await grains.GetGrain<IClusterGrain>(0).GetPeersAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A dead silo's grains are unreachable until membership declares it dead; the next tick retries.
            LogWatchFailed(logger, exception);
            return;
        }

        foreach (var peer in peers)
        {
            try
            {
                await grains.GetGrain<IPeerGrain>((long)peer.NodeId).StartAsync(peer).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPeerStartFailed(logger, peer.NodeId, exception);
            }
        }
    }

    [LoggerMessage(EventId = 6120, Level = LogLevel.Debug, Message = "Reading the peer list for the peer watch failed; retrying on the next tick")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6121, Level = LogLevel.Debug, Message = "Starting the connection to peer {PeerId} failed; retrying on the next tick")]
    private static partial void LogPeerStartFailed(ILogger logger, ulong peerId, Exception exception);
}
