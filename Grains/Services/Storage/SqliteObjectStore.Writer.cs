using Microsoft.Data.Sqlite;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// Group commit. Every write is queued for the one writer connection; the writer drains what is queued
/// (up to <see cref="SqliteStoreOptions.MaxBatchBytes"/>), applies it in one transaction, commits, and
/// only then completes each caller's task: an acknowledged put is durable. Many concurrent puts share
/// one commit, and the write lock is held for one short transaction at a time, so Orleans' own
/// connections to the same file get their turn.
/// </summary>
internal sealed partial class SqliteObjectStore
{
    private const string CommitSavepoint = "aeor_commit";

    /// <summary>Queues a write and waits for its transaction to commit.</summary>
    /// <remarks>
    /// Cancellation is honoured only while waiting for queue space. Once queued, the writer reads the
    /// caller's buffer, so the caller must not get it back (and reuse it) before the write is applied.
    /// </remarks>
    private async Task EnqueueAsync(PendingWrite write, CancellationToken cancellationToken)
    {
        EnsureOpen();
        await _budget.AcquireAsync(write.Bytes, cancellationToken).ConfigureAwait(false);
        if (!_queue.Writer.TryWrite(write))
        {
            _budget.Release(write.Bytes);
            throw new ObjectDisposedException(nameof(SqliteObjectStore));
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

            ApplyBatch(batch);
            _budget.Release(bytes);
            batch.Clear();
        }
    }

    private void ApplyBatch(List<PendingWrite> batch)
    {
        var session = _writer!;

        // A sweep may move objects out of segment files it then deletes: its commit must be on the disk before any file
        // goes, so in normal mode (no sync per commit) the sweep's own commit is synced like a full-mode one.
        var syncedCommit = batch is [SweepWrite] && _options.Durability == Durability.Normal;
        try
        {
            if (syncedCommit)
            {
                Execute(session.Connection, "PRAGMA synchronous = FULL");
            }

            using (var transaction = session.Begin())
            {
                _segmentRows.Enlist(transaction);
                foreach (var write in batch)
                {
                    Apply(session, transaction, write);
                }

                // The bytes appended to segments reach the disk before any row pointing at them can.
                _segments.SyncAppends();
                transaction.Commit();
            }

            AfterCommit(session, batch);
            foreach (var write in batch)
            {
                write.Finish();
            }

            LogBatchCommitted(batch.Count);
            Observability.StoreMetrics.BatchCommitted(batch.Count);
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
        }
        finally
        {
            if (syncedCommit)
            {
                Execute(session.Connection, "PRAGMA synchronous = NORMAL");
            }
        }
    }

    private void Apply(SqliteWriteSession session, SqliteTransaction transaction, PendingWrite write)
    {
        switch (write)
        {
            case ObjectWrite put:
                ApplyPut(session, put);
                break;
            case SweepWrite sweep:
                SqliteSweeper.Sweep(session.Connection, transaction, sweep, _inFlight.Protected());
                CompactSegments(sweep);
                break;
            case CommitWrite commit:
                // A savepoint makes the tree commit all-or-nothing while it shares the group transaction:
                // its failure rolls back its own rows and fails only its caller.
                transaction.Save(CommitSavepoint);
                try
                {
                    session.ApplyCommit(commit.Commit);
                }
                catch (Exception exception)
                {
                    // Should SQLite already have rolled back the whole transaction (I/O error, disk full),
                    // this throws and the batch fails as a whole, which is still all-or-nothing.
                    transaction.Rollback(CommitSavepoint);
                    commit.Failure = exception;
                }

                transaction.Release(CommitSavepoint);
                break;
        }
    }

    /// <summary>After a durable batch: its tree commits release their in-flight objects; a sweep compacts the file.</summary>
    private void AfterCommit(SqliteWriteSession session, List<PendingWrite> batch)
    {
        foreach (var write in batch)
        {
            switch (write)
            {
                case CommitWrite { Failure: null } commit:
                    _inFlight.Committed(commit.Commit.Upserts.Select(static e => e.Hash), commit.Commit.Objects.Select(static o => o.Hash));
                    break;
                case SweepWrite sweep:
                    RetireSegments(sweep);
                    try
                    {
                        SqliteSweeper.Compact(session.Connection);
                    }
                    catch (SqliteException exception)
                    {
                        LogCompactionFailed(exception);
                    }

                    break;
            }
        }
    }
}
