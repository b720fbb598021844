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
