using System.Data.Common;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Collection;
using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Services.Storage.Engine;

/// <summary>
/// The storage engine both backends share: what a tree commit writes and in which order (<see cref="TreeCommitWriter"/>),
/// group commit through one writer loop (<c>.Writer.cs</c>), the catalog, history, deletion and reference reads
/// (<c>.Tree.cs</c>, <c>.References.cs</c>), and the mark phase and sweep of garbage collection (<c>.Collect.cs</c>).
/// A backend derives from it as a thin dialect: its SQL texts (<see cref="Sql"/>), how it opens connections and
/// transactions, and the few mechanics that differ (SQLite: one writer connection, savepoints in the group
/// transaction, a WAL read pool; PostgreSQL: pooled connections, HEAD's row lock, array statements in batches).
/// </summary>
internal abstract partial class SqlNodeStore(ILogger logger, TimeProvider? time) : ITreeStore, IObjectReferences, ICollectableStore, IStoreUsage
{
    /// <summary>How many versions <see cref="GetHistoryAsync"/> returns (the LIMIT of the dialects' history queries).</summary>
    public const int HistoryLimit = 16;

    private readonly ILogger _logger = logger;
    private int _disposed;

    /// <summary>The clock of retention on a store of one node (a shared store asks its server, <see cref="ReadSnapshotNowAsync"/>).</summary>
    private protected TimeProvider Time { get; } = time ?? TimeProvider.System;

    /// <summary>Objects put or relied on while a collection runs (see <see cref="InFlightObjects"/>).</summary>
    private protected abstract InFlightObjects InFlight { get; }

    /// <summary>The dialect's SQL texts.</summary>
    private protected abstract StoreSql Sql { get; }

    /// <summary>True once disposal began.</summary>
    private protected bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Lends a read command for <paramref name="statement"/>; the lease gives it back (<see cref="EndRead"/>).</summary>
    private protected abstract ValueTask<ReadLease> OpenRead(SqlStatement statement, CancellationToken cancellationToken);

    /// <summary>Takes back a command lent by <see cref="OpenRead"/>.</summary>
    internal abstract void EndRead(DbCommand command, object? state);

    /// <summary>Begins the writer's group transaction.</summary>
    private protected abstract ValueTask<WriteScope> BeginWriteAsync();

    /// <summary>Begins a read-only snapshot transaction for the mark phase on a connection of its own.</summary>
    private protected abstract ValueTask<WriteScope> BeginSnapshotAsync(CancellationToken cancellationToken);

    /// <summary>The statements of one tree commit in the writer's transaction (<paramref name="scope"/>).</summary>
    private protected abstract ICommitStatements CommitStatements(WriteScope scope);

    /// <summary>Applies a group's object puts in the writer's transaction.</summary>
    private protected abstract ValueTask PutObjectsAsync(WriteScope scope, IReadOnlyList<ObjectWrite> puts);

    /// <summary>The rows of a query the mark phase runs while it reads objects on the same snapshot (buffered where the connection cannot hold two readers).</summary>
    private protected abstract ValueTask ForEachRowAsync(WriteScope scope, SqlStatement statement, Action<System.Data.IDataRecord> action, CancellationToken cancellationToken);

    /// <summary>The time retention counts from, in ms since the epoch, on the snapshot.</summary>
    private protected abstract ValueTask<long> ReadSnapshotNowAsync(WriteScope scope, CancellationToken cancellationToken);

    /// <summary>
    /// On a store shared by several silos, only objects put before this long ago are swept (their puts in flight are
    /// not in this silo's <see cref="InFlight"/>); null on a store of one process.
    /// </summary>
    private protected abstract TimeSpan? SharedStoreMinAge(GarbageCollectionOptions options);

    /// <summary>Deletes <paramref name="doomed"/> (and their reference rows), then the plan's dropped root and history rows; sets the sweep's counts.</summary>
    private protected abstract ValueTask DeleteSweptAsync(WriteScope scope, SweepWrite sweep, IReadOnlyList<(byte[] Hash, ObjectKind Kind, long Length)> doomed);

    /// <summary>Gives the swept space back after the sweep's transaction committed (logs and swallows its own failure).</summary>
    private protected abstract ValueTask CompactAsync();

    /// <summary>
    /// Runs in the group transaction after every write of the batch was applied, just before the commit: what the
    /// commit's rows depend on outside the database (the SQLite dialect's segment files) is made durable here.
    /// </summary>
    private protected virtual ValueTask BeforeCommitAsync(WriteScope scope) => ValueTask.CompletedTask;

    /// <summary>After a group transaction committed, on the writer loop (the SQLite store wakes its checkpointer here).</summary>
    private protected virtual void Committed()
    {
    }

    /// <summary>
    /// Small files staged for the commit that references them (<see cref="AeorDb.Grains.Interfaces.ISmallFileStaging"/>);
    /// null for a store whose commits may be built in another process than the writer that staged (PostgreSQL).
    /// </summary>
    private protected virtual StagedObjects? Staged => null;

    /// <summary>True when the backend aborted the whole group transaction for a reason a retry may not meet again.</summary>
    private protected abstract bool IsTransient(Exception exception);

    /// <summary>Marks the store disposed; false when it already was.</summary>
    private protected bool BeginDispose() => Interlocked.Exchange(ref _disposed, 1) == 0;

    private protected void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (!_writerStarted)
        {
            throw new InvalidOperationException("The object store is not initialized: call InitializeAsync at start-up.");
        }
    }
}
