using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Observability;
using AeorDb.Grains.Services.Merkle;
using AeorDb.Grains.Services.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Runtime.ExceptionServices;
using Orleans.Concurrency;

namespace AeorDb.Grains.Tree;

/// <summary>
/// The node's Merkle tree of HEAD (key 0). Reads answer from memory and never wait behind a commit.
/// Commits are group-committed: the grain is reentrant, calls queue up, and while one batch is being
/// written the calls arriving meanwhile wait and are then written together in one store transaction.
/// HEAD changes only after that transaction is durable.
/// </summary>
[Reentrant]
[CollectionAgeLimit(AlwaysActive = true)] // HEAD is the whole tree in memory; re-activation rescans the catalog.
internal sealed partial class TreeGrain(
    ITreeStore treeStore,
    IObjectStore objectStore,
    IHybridClock clock,
    IOptions<TreeCommitOptions> commitOptions,
    TimeProvider time,
    LocalHead localHead,
    ILogger<TreeGrain> logger) : Grain, ITreeGrain
{
    /// <summary>The placeholder stamp of an entry the tree stamps when it applies it (<see cref="TreeChange.StampOnApply"/>).</summary>
    private static readonly VersionStamp _noStamp = new(0, 0);

    /// <summary>HEAD; replaced once by the loaded catalog (see <see cref="LoadAsync"/>), then changed only through batches.</summary>
    private TreeIndex _index = new();
    private readonly Queue<PendingCommit> _queue = new();
    private readonly HistoricalTreeReader _history = new(objectStore);

    /// <summary>The batch being formed (linger, then taking the queued calls); completes (never faults) once they were taken.</summary>
    private Task _forming = Task.CompletedTask;

    /// <summary>
    /// The stored HEAD this activation's index reflects: every commit is based on it (compare-and-swap), so
    /// a second activation on a shared store (another silo of the node) can never overwrite this one's commits.
    /// </summary>
    private string? _storeHead;

    /// <summary>Set once the store refused a commit because HEAD moved: this activation is stale and goes away.</summary>
    private bool _stale;

    /// <summary>Calls waiting for the next batch (diagnostics and tests).</summary>
    internal int QueuedCommits => _queue.Count;

    public async Task<CommitResult> CommitAsync(IReadOnlyList<TreeChange> changes)
    {
        await _loaded;
        var pending = new PendingCommit(changes);
        _queue.Enqueue(pending);
        NoteQueued();
        while (!pending.Taken)
        {
            if (!_forming.IsCompleted)
            {
                // Another call is forming a batch; ours may be in it, or rides in the next, which whoever wakes first forms.
                await _forming;
                continue;
            }

            if (_inFlight.Count >= commitOptions.Value.PipelineDepth)
            {
                await _inFlight.Peek().Settled;
                continue;
            }

            _forming = FormBatchAsync();
            await _forming;
        }

        return await pending.Result;
    }

    public async Task<WriteResult> PutFileAsync(string path, string versionHash, long size, string? contentType)
    {
        if (path == TreePaths.Root)
        {
            return new WriteResult(CommitStatus.Invalid, null, 0);
        }

        var entry = new FileEntry(path, EntryKind.File, versionHash, size, contentType, null, 0, 0, _noStamp);
        var commit = await CommitAsync([new TreeChange(path, entry, KeepCreatedAt: true, StampOnApply: true)]);
        return commit.Status == CommitStatus.Ok
            ? new WriteResult(CommitStatus.Ok, commit.Written, 0)
            : new WriteResult(commit.Status, null, commit.ChildCount);
    }

    public async Task<string> GetRootHashAsync()
    {
        await _loaded;
        return _index.RootHash;
    }

    public Task<FileEntry?> GetAsync(string path) =>
        _loaded.IsCompletedSuccessfully ? Task.FromResult(GetHead(path)) : GetWhileLoadingAsync(path);

    /// <summary>A point read of HEAD, recorded for this silo's readers (<see cref="LocalHead"/>) in the same turn.</summary>
    private FileEntry? GetHead(string path)
    {
        var entry = _index.Get(path);
        localHead.Record(this, path, entry);
        return entry;
    }

    public async Task<ListResult> ListAsync(string path, int depth, string? rootHash)
    {
        if (!_loaded.IsCompleted && depth == 0 && rootHash is null)
        {
            return await ListWhileLoadingAsync(path);
        }

        await _loaded;
        if (rootHash is null || string.Equals(rootHash, _index.RootHash, StringComparison.OrdinalIgnoreCase))
        {
            return _index.List(path, depth);
        }

        return await _history.ListAsync(rootHash, path, depth, _index.Get);
    }

    public async Task<bool> IsKnownRootAsync(string rootHash) =>
        await LoadedAsync() && string.Equals(rootHash, _index.RootHash, StringComparison.OrdinalIgnoreCase)
        || await treeStore.IsKnownRootAsync(rootHash.ToLowerInvariant());

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

    /// <summary>
    /// Dequeues the calls of the next batch: every queued call, except one that touches a path an earlier call of the
    /// batch touches, which stays queued (in order) for the next batch. A path changes at most once per commit, so every
    /// acknowledged write of a path is its own version in the path's history, as when each path had its own writer.
    /// </summary>
    private List<PendingCommit> TakeBatch()
    {
        var calls = new List<PendingCommit>(_queue.Count);
        var touched = new HashSet<string>(StringComparer.Ordinal);
        var deferred = new List<PendingCommit>();
        while (_queue.TryDequeue(out var call))
        {
            var clash = false;
            foreach (var change in call.Changes)
            {
                clash |= touched.Contains(change.Path);
            }

            foreach (var change in call.Changes)
            {
                touched.Add(change.Path);
            }

            if (clash)
            {
                deferred.Add(call);
            }
            else
            {
                call.Taken = true;
                calls.Add(call);
            }
        }

        foreach (var call in deferred)
        {
            _queue.Enqueue(call);
        }

        return calls;
    }

    /// <summary>Applies one call to the batch; null (and the call failed) when it threw, which leaves the batch as it was.</summary>
    private TreeApplyResult? TryApply(TreeBatch batch, PendingCommit call)
    {
        try
        {
            // Each call is stamped as it is applied: the stamps of one path's writes follow the order they reach HEAD.
            return batch.TryApply(call.Changes, clock.Next());
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            LogApplyFailed(exception);
            call.Fail(exception);
            return null;
        }
    }

    /// <summary>One queued CommitAsync call and the result its caller awaits.</summary>
    private sealed class PendingCommit(IReadOnlyList<TreeChange> changes)
    {
        private readonly TaskCompletionSource<CommitResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<TreeChange> Changes { get; } = changes;

        /// <summary>Set once a batch took the call: from then on its caller only awaits <see cref="Result"/>.</summary>
        public bool Taken { get; set; }

        public Task<CommitResult> Result => _result.Task;

        public void Complete(CommitResult result) => _result.TrySetResult(result);

        public void Fail(Exception exception) => _result.TrySetException(exception);
    }
}
