using System.Threading.Channels;

namespace AeorDb.Grains.Services.Storage.Engine;

/// <summary>
/// Group commit. Every write is queued for the store's one writer loop; it drains what is queued (up to the dialect's
/// batch size), applies it in one transaction, commits, and only then completes each caller's task: an acknowledged
/// write is durable. Many concurrent puts and tree commits share one commit. A tree commit runs under a savepoint,
/// so its refusal or failure undoes only its own rows and fails only its caller. When the backend aborts the whole
/// transaction for a transient reason (PostgreSQL: deadlock, serialization failure) the batch is retried whole.
/// </summary>
internal abstract partial class SqlNodeStore
{
    private const string CommitSavepoint = "aeor_commit";

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private WriteBudget _budget = null!;
    private Task _writerLoop = Task.CompletedTask;
    private long _maxBatchBytes;
    private int _maxBatchAttempts;
    private bool _writerStarted;

    /// <summary>Starts the writer loop; the dialect calls it once its connections and tables are ready.</summary>
    private protected void StartWriter(long maxQueuedBytes, long maxBatchBytes, int maxBatchAttempts)
    {
        _budget = new WriteBudget(maxQueuedBytes);
        _maxBatchBytes = maxBatchBytes;
        _maxBatchAttempts = Math.Max(1, maxBatchAttempts);
        _writerStarted = true;
        _writerLoop = Task.Run(RunWriterAsync, CancellationToken.None);
    }

    /// <summary>Stops taking writes and waits until every queued one was applied.</summary>
    private protected async Task StopWriterAsync()
    {
        _queue.Writer.TryComplete();
        await _writerLoop.ConfigureAwait(false);
    }

    /// <summary>Queues a write and waits for its transaction to commit.</summary>
    /// <remarks>
    /// Cancellation is honoured only while waiting for queue space. Once queued, the writer reads the
    /// caller's buffer, so the caller must not get it back (and reuse it) before the write is applied.
    /// </remarks>
    private protected async Task EnqueueAsync(PendingWrite write, CancellationToken cancellationToken)
    {
        var written = await QueueAsync(write, cancellationToken).ConfigureAwait(false);
        await written.ConfigureAwait(false);
    }

    /// <summary>Queues a write; returns once it is queued, with the task that completes when its transaction committed.</summary>
    private protected async Task<Task> QueueAsync(PendingWrite write, CancellationToken cancellationToken)
    {
        EnsureOpen();
        await _budget.AcquireAsync(write.Bytes, cancellationToken).ConfigureAwait(false);
        if (!_queue.Writer.TryWrite(write))
        {
            _budget.Release(write.Bytes);
            throw new ObjectDisposedException(GetType().Name);
        }

        return write.Completion;
    }

    private async Task RunWriterAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingWrite>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            long bytes = 0;
            while (bytes < _maxBatchBytes && reader.TryPeek(out var next))
            {
                // A sweep runs in a transaction of its own, after the commits queued before it were acknowledged
                // (and so recorded as committed), which it must spare.
                if (next is SweepWrite && batch.Count > 0)
                {
                    break;
                }

                reader.TryRead(out var write);
                batch.Add(write!);
                bytes += write!.Bytes;
                if (write is SweepWrite)
                {
                    break;
                }
            }

            await ApplyBatchAsync(batch).ConfigureAwait(false);
            _budget.Release(bytes);
            batch.Clear();
        }
    }

    private async Task ApplyBatchAsync(List<PendingWrite> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                foreach (var write in batch)
                {
                    write.Failure = null;
                }

                await WriteBatchAsync(batch).ConfigureAwait(false);
                Committed();
                await AfterCommitAsync(batch).ConfigureAwait(false);
                foreach (var write in batch)
                {
                    write.Finish();
                }

                LogBatchCommitted(batch.Count);
                Observability.StoreMetrics.BatchCommitted(batch.Count);
                return;
            }
            catch (Exception exception) when (IsTransient(exception) && attempt < _maxBatchAttempts)
            {
                LogBatchRetry(batch.Count, exception.Message, attempt + 1);
            }
            catch (Exception exception)
            {
                // The transaction rolled back (disposed uncommitted): none of the batch is stored.
                LogBatchFailed(exception, batch.Count);
                Observability.StoreMetrics.BatchFailed();
                foreach (var write in batch)
                {
                    write.Fail(exception);
                }

                return;
            }
        }
    }

    private async Task WriteBatchAsync(List<PendingWrite> batch)
    {
        await using var scope = await BeginWriteAsync().ConfigureAwait(false);
        var puts = batch.OfType<ObjectWrite>().ToList();
        if (puts.Count > 0)
        {
            await PutObjectsAsync(scope, puts).ConfigureAwait(false);
        }

        foreach (var write in batch)
        {
            switch (write)
            {
                case CommitWrite commit:
                    await ApplyCommitAsync(scope, commit).ConfigureAwait(false);
                    break;
                case SweepWrite sweep:
                    await SweepAsync(scope, sweep).ConfigureAwait(false);
                    break;
            }
        }

        await BeforeCommitAsync(scope).ConfigureAwait(false);
        await scope.Transaction.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Applies one tree commit under a savepoint of the group transaction. A failure the backend confines to the
    /// statement rolls back the commit's own rows and fails only its caller; one that aborted the whole transaction
    /// (transient, or SQLite's I/O errors) makes the rollback to the savepoint throw, and the batch fails or is retried
    /// as a whole, which is still all-or-nothing.
    /// </summary>
    private async Task ApplyCommitAsync(WriteScope scope, CommitWrite write)
    {
        await scope.Transaction.SaveAsync(CommitSavepoint).ConfigureAwait(false);
        try
        {
            await TreeCommitWriter.WriteAsync(CommitStatements(scope), write.Commit).ConfigureAwait(false);
        }
        catch (Exception exception) when (!IsTransient(exception))
        {
            await scope.Transaction.RollbackAsync(CommitSavepoint).ConfigureAwait(false);
            write.Failure = exception;
        }

        await scope.Transaction.ReleaseAsync(CommitSavepoint).ConfigureAwait(false);
    }

    /// <summary>After a durable batch: its tree commits release their in-flight objects; a sweep compacts.</summary>
    private async Task AfterCommitAsync(List<PendingWrite> batch)
    {
        foreach (var write in batch)
        {
            switch (write)
            {
                case CommitWrite { Failure: null } commit:
                    InFlight.Committed(commit.Commit.Upserts.Select(static e => e.Hash), commit.Commit.Objects.Select(static o => o.Hash));
                    break;
                case SweepWrite:
                    await CompactAsync().ConfigureAwait(false);
                    break;
            }
        }
    }
}
