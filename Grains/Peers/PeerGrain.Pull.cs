using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Peers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Peers;

/// <summary>
/// Pulls (CONTRACT §6.1) as workers outside the grain's turns. <see cref="StartPull"/> starts one on the thread pool
/// and returns; the worker touches no grain state and, when done, tells the grain through its reference
/// (<see cref="IPeerStreamSink.OnPullFinishedAsync"/>), whose turn stores the base and the §5.5 counters. The
/// watchdog tick observes the worker too, so a lost report cannot leave a pull running forever. One pull at a time:
/// one asked for while another runs is due after it, and triggers wait for the next one to start.
/// </summary>
internal sealed partial class PeerGrain
{
    private PullRun? _run;
    private long _pullNumber;
    private bool _pullDue;
    private List<TaskCompletionSource<PullResult>> _pullWaiters = [];
    private long _totalPullsOk;
    private long _pullGaugeMark;

    public Task OnPullFinishedAsync(long pull) =>
        _run is { } run && run.Number == pull && run.Work.IsCompleted ? FinishPullAsync(run) : Task.CompletedTask;

    /// <summary>Starts a pull unless one runs (then one more is due after it); a peer not active answers its waiters as skipped.</summary>
    private void StartPull(bool followUp = false)
    {
        if (_run is not null)
        {
            _pullDue = true;
            return;
        }

        _pullDue = false;
        var waiters = _pullWaiters;
        _pullWaiters = [];
        if (_state != PeerState.Active || _peer is not { } peer)
        {
            Answer(waiters, new PullResult(false, true, _state, 0, 0, null));
            return;
        }

        if (ServiceProvider.GetService<IPeerPuller>() is not { } puller)
        {
            Answer(waiters, new PullResult(false, false, _state, 0, 0, "Sync engine not configured"));
            return;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        _lastAttemptAt = now;
        _totalSyncs++;
        var since = PeerBase.For(state.State, peer);
        var progress = new PullProgress(now);
        var cancel = new CancellationTokenSource();
        var number = ++_pullNumber;
        var peerId = (ulong)this.GetPrimaryKeyLong();
        _pullGaugeMark = Gauge.PullStarting();
        var sink = this.AsReference<IPeerStreamSink>();
        var log = logger;

        // Task.Run leaves the grain's scheduler: the transfer never holds a turn.
        var work = Task.Run(() => PullWorker.PullAsync(puller, peer, peerId, since, progress, log, cancel.Token), CancellationToken.None);
        _ = work.ContinueWith(_ => PullWorker.ReportFinishedAsync(sink, number, peer.Address, log), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        _run = new PullRun(number, peer, since, progress, work, cancel, waiters, TakeAnnounced(), followUp);
    }

    /// <summary>In a turn of the grain: stores the base and counters of a finished pull, answers its waiters, runs what is due.</summary>
    private async Task FinishPullAsync(PullRun run)
    {
        _run = null;
        run.Cancel.Dispose();
        var (result, peerRoot) = await run.Work;
        if (result.Ok)
        {
            try
            {
                state.State.LastSyncedRootHash = peerRoot ?? run.Since;
                state.State.BaseSyncPaths = [.. run.Peer.SyncPaths];
                state.State.LastSyncAt = time.GetUtcNow().ToUnixTimeMilliseconds();
                await state.WriteStateAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                result = new PullResult(false, false, PeerState.Active, 0, 0, $"Storing the sync base failed: {exception.Message}");
            }
        }

        ReportPull(result, _pullGaugeMark, run.Progress.StartedAt);
        if (result.Ok)
        {
            _lastSuccessAt = state.State.LastSyncAt;
            _lastError = null;
            _consecutiveFailures = 0;
            _nextRetryAt = null;
            _totalPullsOk++;
            ServiceProvider.GetService<ISyncResultSink>()?.Completed((ulong)this.GetPrimaryKeyLong(), result.OperationsApplied, result.ConflictsDetected);
        }
        else
        {
            var error = result.Error ?? "Sync failed";
            Failed(error);
            Reannounce(run.Covered);
            LogLoopPullFailed(logger, run.Peer.Address, _consecutiveFailures, error);
        }

        Answer(run.Waiters, result with { State = _state });
        if (_pullWaiters.Count > 0)
        {
            _pullDue = true;
        }

        FollowUp(run);
    }

    /// <summary>Stops a running pull and answers everyone waiting (the peer was removed or the grain is going away).</summary>
    private void CancelPull(string reason)
    {
        var failed = new PullResult(false, false, _state, 0, 0, reason);
        if (_run is { } run)
        {
            _run = null;
            run.Cancel.Cancel();
            Reannounce(run.Covered);
            Answer(run.Waiters, failed);
        }

        var waiters = _pullWaiters;
        _pullWaiters = [];
        Answer(waiters, failed);
        _pullDue = false;
    }

    private static void Answer(List<TaskCompletionSource<PullResult>> waiters, PullResult result)
    {
        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(result);
        }
    }
}
