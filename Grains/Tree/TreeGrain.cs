using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merkle;
using AeorDb.Grains.Services.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
