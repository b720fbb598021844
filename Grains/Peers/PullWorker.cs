using System.Diagnostics;
using AeorDb.Grains.Observability;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Peers;
using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Peers;

/// <summary>
/// The part of a <see cref="PeerGrain"/>'s pull that runs on the thread pool, outside the grain's turns: it touches no
/// grain state, and reports back only through the grain's reference.
/// </summary>
internal static partial class PullWorker
{
    /// <summary>The worker: the pull itself, every exception turned into a failed result.</summary>
    public static async Task<(PullResult Result, string? PeerRootHash)> PullAsync(
        IPeerPuller puller, PeerRecord peer, ulong peerId, string? since, PullProgress progress, ILogger log, CancellationToken cancellationToken)
    {
        // The span is opened on the worker, so the peer's HTTP calls of this pull are its children.
        using var span = SyncMetrics.StartPull(peerId);
        try
        {
            var pulled = await puller.PullAsync(peer, since, progress, cancellationToken).ConfigureAwait(false);
            span?.SetTag("aeordb.sync.operations", pulled.Result.OperationsApplied);
            span?.SetStatus(pulled.Result.Ok ? ActivityStatusCode.Ok : ActivityStatusCode.Error, pulled.Result.Error);
            return pulled;
        }
        catch (Exception exception)
        {
            span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            var message = cancellationToken.IsCancellationRequested ? "Pull cancelled" : exception.Message;
            LogPullCrashed(log, peer.Address, exception);
            return (new PullResult(false, false, PeerState.Active, 0, 0, message), null);
        }
    }

    public static async Task ReportFinishedAsync(IPeerStreamSink sink, long number, string address, ILogger log)
    {
        try
        {
            await sink.OnPullFinishedAsync(number).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The watchdog tick observes the finished worker and completes it instead.
            LogPullReportFailed(log, address, exception);
        }
    }

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Peer {Address}: pull worker failed")]
    private static partial void LogPullCrashed(ILogger logger, string address, Exception exception);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Peer {Address}: could not report a finished pull; the watchdog completes it")]
    private static partial void LogPullReportFailed(ILogger logger, string address, Exception exception);
}
