using System.Runtime.ExceptionServices;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Observability;
using AeorDb.Grains.Services.Merkle;
using AeorDb.Grains.Services.Storage;

namespace AeorDb.Grains.Tree;

/// <summary>
/// Batches in flight (<see cref="TreeCommitOptions.PipelineDepth"/>). A batch is formed from the queued calls, applied,
/// built and handed to the store in one turn; with a depth of 2 the next one is formed while it is being written, on the
/// directories as it leaves them, and is handed to the store behind it. Batches settle in the order they were formed.
/// </summary>
internal sealed partial class TreeGrain
{
    /// <summary>Batches formed and not settled yet, oldest first.</summary>
    private readonly Queue<InFlightBatch> _inFlight = new();

    /// <summary>Batches in flight (diagnostics and tests).</summary>
    internal int BatchesInFlight => _inFlight.Count;

    /// <summary>Takes the queued calls into a batch and starts it; returns once they were taken.</summary>
    private async Task FormBatchAsync()
    {
        InFlightBatch? below = null;
        foreach (var batch in _inFlight)
        {
            below = batch;
        }

        await LingerAsync(below);
        var calls = TakeBatch();
        _lastBatchCalls = calls.Count;
        if (calls.Count == 0)
        {
            return;
        }

        if (below is { Settled.IsCompleted: true })
        {
            below = null; // settled while lingering (and left the queue)
        }

        var flight = new InFlightBatch();
        _inFlight.Enqueue(flight);
        if (below is { CanCarry: false })
        {
            // A batch below that is still forming, or whose root equals its base (its failure would leave the store on
            // the root this one is based on): this one waits for it to settle and then starts on HEAD.
            _ = RunAfterAsync(calls, flight, below);
            return;
        }

        // Runs synchronously up to the store: the batch is applied, built and queued for the store in this turn.
        _ = RunBatchAsync(calls, flight, below);
    }

    private async Task RunAfterAsync(List<PendingCommit> calls, InFlightBatch flight, InFlightBatch below)
    {
        await below.Settled;
        await RunBatchAsync(calls, flight, below: null);
    }

    /// <summary>
    /// Writes one batch as one store commit. Each call is validated alone against HEAD plus the calls before it, HEAD
    /// being, when <paramref name="below"/> is given, what that batch still in flight leaves. Nothing is answered before
    /// the batch (and the one below it) is durable and accepted; a call refused on validation is answered then too, so
    /// its answer reflects durable state. If the batch below fails, this one fails with it (its commit, based on the
    /// root the one below would have made, cannot have been stored).
    /// </summary>
    private async Task RunBatchAsync(List<PendingCommit> calls, InFlightBatch flight, InFlightBatch? below)
    {
        var accepted = new List<(PendingCommit Call, TreeApplyResult Outcome)>(calls.Count);
        var refused = new List<(PendingCommit Call, TreeApplyResult Outcome)>();
        try
        {
            var batch = below is null ? _index.Begin(clock.Next()) : _index.BeginAfter(below.Batch!, clock.Next());
            foreach (var call in calls)
            {
                var outcome = TryApply(batch, call);
                if (outcome?.Status == CommitStatus.Ok)
                {
                    accepted.Add((call, outcome));
                }
                else if (outcome is not null)
                {
                    refused.Add((call, outcome));
                }
            }

            TreeCommit? commit = null;
            Exception? failure = null;
            if (accepted.Count > 0)
            {
                if (_stale)
                {
                    throw new TreeHeadMovedException();
                }

                commit = batch.Build() with { BaseRootHash = below?.Commit!.RootHash ?? _storeHead };
                flight.Built(batch, commit);
                failure = await StoreAsync(commit, accepted.Count);
            }

            if (below is not null && !await below.Settled)
            {
                if (commit is not null && failure is null)
                {
                    // Cannot happen: the commit was based on the root of the batch below, which was not stored. Should it
                    // ever, the store holds what this index cannot account for, and a fresh activation reloads HEAD.
                    throw new TreeHeadMovedException();
                }

                // The batch below failed: its failure is this one's (HEAD is as before both).
                ExceptionDispatchInfo.Throw(below.Failure!);
            }

            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            if (commit is not null)
            {
                _storeHead = commit.RootHash;
                _index.Accept(batch);
                localHead.Advance(this); // before any caller of the batch is answered: no reader on this silo sees the old entries after
                LogCommitted(accepted.Count, commit.RootHash);
                StoreMetrics.TreeCommitted(accepted.Count);
                foreach (var (call, outcome) in accepted)
                {
                    call.Complete(new CommitResult(CommitStatus.Ok, commit.RootHash, null, 0, outcome.KeptCreatedAt, outcome.Written));
                }
            }

            foreach (var (call, outcome) in refused)
            {
                call.Complete(new CommitResult(outcome.Status, _index.RootHash, outcome.FailedPath, outcome.ChildCount));
            }

            flight.Settle(null);
        }
        catch (TreeHeadMovedException exception)
        {
            // Another activation committed to the shared store: this one's index is stale. Its callers get the
            // retryable refusal (nothing was written) and the next call reloads HEAD in a fresh activation.
            _stale = true;
            localHead.Release(this);
            LogHeadMoved(exception.Message, accepted.Count);
            DeactivateOnIdle();
            FailAll(calls, exception);
            flight.Settle(exception);
        }
        catch (Exception exception)
        {
            // Nothing reached HEAD: every call of the batch that has no answer yet fails with the cause.
            LogCommitFailed(exception, accepted.Count);
            FailAll(calls, exception);
            flight.Settle(exception);
        }
        finally
        {
            _inFlight.Dequeue();
        }
    }

    /// <summary>Writes <paramref name="commit"/> to the store; the exception it failed with, or null once it is durable.</summary>
    private async Task<Exception?> StoreAsync(TreeCommit commit, int calls)
    {
        using var span = GrainMeter.Source.StartActivity("aeordb.tree.commit");
        span?.SetTag("aeordb.commit.calls", calls);
        try
        {
            await treeStore.CommitAsync(commit);
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    private static void FailAll(List<PendingCommit> calls, Exception exception)
    {
        foreach (var call in calls)
        {
            call.Fail(exception);
        }
    }

    /// <summary>A batch between being formed and settled: what a batch formed after it is based on, and its outcome.</summary>
    private sealed class InFlightBatch
    {
        private readonly TaskCompletionSource<bool> _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The built batch, once it was handed to the store.</summary>
        public TreeBatch? Batch { get; private set; }

        /// <summary>Its commit, once it was handed to the store.</summary>
        public TreeCommit? Commit { get; private set; }

        /// <summary>
        /// True when a batch may be started on this one's directories: it was built, and its root differs from its base,
        /// so that a batch based on its root can only be stored after this one was.
        /// </summary>
        public bool CanCarry =>
            Commit is { } commit && !_settled.Task.IsCompleted && !string.Equals(commit.RootHash, commit.BaseRootHash, StringComparison.OrdinalIgnoreCase);

        /// <summary>Completes once the batch was accepted (true) or failed (false); never faults.</summary>
        public Task<bool> Settled => _settled.Task;

        /// <summary>Why the batch failed, once <see cref="Settled"/> is false.</summary>
        public Exception? Failure { get; private set; }

        public void Built(TreeBatch batch, TreeCommit commit)
        {
            Batch = batch;
            Commit = commit;
        }

        public void Settle(Exception? failure)
        {
            Failure = failure;
            _settled.TrySetResult(failure is null);
        }
    }
}
