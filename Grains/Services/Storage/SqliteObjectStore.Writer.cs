using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Storage.Engine;
using Microsoft.Data.Sqlite;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// The writer side of the SQLite dialect: one writer connection (SQLite allows one writer per file anyway), whose
/// group transaction holds the write lock for one short transaction at a time, so Orleans' own connections to the
/// same file get their turn. Its prepared statements run the tree commits (<see cref="SqliteWriteSession"/>).
/// </summary>
internal sealed partial class SqliteObjectStore
{
    private protected override ValueTask<WriteScope> BeginWriteAsync()
    {
        var session = _writer!;
        var transaction = session.Begin();
        _segmentRows.Enlist(transaction);
        return ValueTask.FromResult(new WriteScope(session.Connection, transaction, ownsConnection: false));
    }

    private protected override ICommitStatements CommitStatements(WriteScope scope) => _writer!;

    private protected override ValueTask PutObjectsAsync(WriteScope scope, IReadOnlyList<ObjectWrite> puts)
    {
        var session = _writer!;
        foreach (var put in puts)
        {
            ApplyPut(session, put);
        }

        return ValueTask.CompletedTask;
    }

    private protected override ValueTask DeleteSweptAsync(WriteScope scope, SweepWrite sweep, IReadOnlyList<(byte[] Hash, ObjectKind Kind, long Length)> doomed)
    {
        SqliteSweeper.Delete((SqliteConnection)scope.Connection, (SqliteTransaction)scope.Transaction, sweep, doomed);
        CompactSegments(sweep);
        return ValueTask.CompletedTask;
    }

    /// <summary>The bytes appended to segments reach the disk before any row pointing at them can.</summary>
    private protected override ValueTask BeforeCommitAsync(WriteScope scope)
    {
        _segments.SyncAppends();
        return ValueTask.CompletedTask;
    }

    /// <summary>After a sweep: gives the freed pages back to the file system, then the emptied segment files (<c>.Segments.cs</c>).</summary>
    private protected override ValueTask CompactAsync()
    {
        var checkpointed = false;
        try
        {
            checkpointed = SqliteSweeper.Compact(_writer!.Connection);
        }
        catch (SqliteException exception)
        {
            LogCompactionFailed(exception);
        }

        RetireSegmentsOfSweep(checkpointed);
        return ValueTask.CompletedTask;
    }

    /// <summary>The one writer never meets another writer's lock inside its transaction (BEGIN IMMEDIATE waited for it): nothing is retried.</summary>
    private protected override bool IsTransient(Exception exception) => false;
}
