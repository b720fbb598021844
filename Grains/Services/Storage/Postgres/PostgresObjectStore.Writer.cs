using Npgsql;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>
/// Group commit. Every write is queued for this silo's one writer loop; it drains what is queued (up to
/// <see cref="PostgresStoreOptions.MaxBatchBytes"/>), applies it in one transaction, commits, and only then
/// completes each caller's task: an acknowledged put is durable. Object inserts go in hash order, so two
/// silos' batches inserting the same objects wait for each other instead of deadlocking; should PostgreSQL
/// still abort a batch (deadlock, serialization failure), the whole batch is retried.
/// </summary>
internal sealed partial class PostgresObjectStore
{
    private const string CommitSavepoint = "aeor_commit";

    /// <summary>Queues a write and waits for its transaction to commit (cancellable only while waiting for queue space).</summary>
    private async Task EnqueueAsync(PendingWrite write, CancellationToken cancellationToken)
    {
        _ = DataSource;
        await _budget.AcquireAsync(write.Bytes, cancellationToken).ConfigureAwait(false);
        if (!_queue.Writer.TryWrite(write))
        {
            _budget.Release(write.Bytes);
            throw new ObjectDisposedException(nameof(PostgresObjectStore));
        }

        await write.Completion.ConfigureAwait(false);
    }

    private async Task RunWriterAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingWrite>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            long bytes = 0;
            while (bytes < _options.MaxBatchBytes && reader.TryPeek(out var next))
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
                await AfterCommitAsync(batch).ConfigureAwait(false);
                foreach (var write in batch)
                {
                    write.Finish();
                }

                LogBatchCommitted(batch.Count);
                Observability.StoreMetrics.BatchCommitted(batch.Count);
                return;
            }
            catch (PostgresException exception) when (IsRetryable(exception) && attempt < _options.MaxBatchAttempts)
            {
                LogBatchRetry(batch.Count, exception.SqlState, attempt + 1);
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
        await using var connection = await DataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var puts = batch.OfType<ObjectWrite>().Select(p => (p.Hash, p.Kind, p.System, p.Data)).ToList();
        if (puts.Count > 0)
        {
            await using var insert = InsertObjectsBatch(connection, transaction, puts);
            await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        foreach (var commit in batch.OfType<CommitWrite>())
        {
            await ApplyCommitAsync(connection, transaction, commit).ConfigureAwait(false);
        }

        foreach (var sweep in batch.OfType<SweepWrite>())
        {
            await SweepAsync(connection, transaction, sweep).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Applies one tree commit under a savepoint of the group transaction: a commit refused (HEAD moved) or
    /// failing rolls back its own rows and fails only its caller. Deadlocks and serialization failures abort
    /// the whole transaction in PostgreSQL, so those propagate and the batch is retried.
    /// </summary>
    private async Task ApplyCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CommitWrite write)
    {
        await transaction.SaveAsync(CommitSavepoint).ConfigureAwait(false);
        try
        {
            await WriteCommitAsync(connection, transaction, write.Commit).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not PostgresException postgres || !IsRetryable(postgres))
        {
            await transaction.RollbackAsync(CommitSavepoint).ConfigureAwait(false);
            write.Failure = exception;
        }

        await transaction.ReleaseAsync(CommitSavepoint).ConfigureAwait(false);
    }

    private static bool IsRetryable(PostgresException exception) =>
        exception.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;
}
