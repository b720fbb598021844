using System.Data.Common;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;
using AeorDb.Grains.Services.Storage.Engine;

namespace AeorDb.Grains.Services.Storage;

/// <summary>The read side of the SQLite dialect: a pool of WAL read connections, each with its prepared statements.</summary>
internal sealed partial class SqliteObjectStore
{
    /// <summary>One lookup costs about as much as reading this many rows in one pass.</summary>
    private const int HistoryPassFactor = 64;

    private protected override async ValueTask<ReadLease> OpenRead(SqlStatement statement, CancellationToken cancellationToken)
    {
        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        return new ReadLease(session.Prepared(statement), this, session, synchronous: true);
    }

    internal override void EndRead(DbCommand command, object? state) => ReturnReader((SqliteReadSession)state!);

    private protected override async Task ReadHistoriesAsync(IReadOnlyCollection<string> paths, Dictionary<string, IReadOnlyList<FileEntry>> histories, CancellationToken cancellationToken)
    {
        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // An indexed lookup costs some tens of microseconds of statement overhead, a row of one pass over the
            // table well under one: a full listing's histories (most paths) come from one pass in sequence order.
            if (paths.Count > HistoryLimit && paths.Count * HistoryPassFactor >= Convert.ToInt64(session.HistoryRows.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture))
            {
                ReadAllHistories(session, paths, histories, cancellationToken);
            }
            else
            {
                await LookUpHistoriesAsync(session, paths, histories, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ReturnReader(session);
        }
    }

    private static async Task LookUpHistoriesAsync(SqliteReadSession session, IReadOnlyCollection<string> paths, Dictionary<string, IReadOnlyList<FileEntry>> histories, CancellationToken cancellationToken)
    {
        // No owner: the caller gives the session back to the pool.
        var history = new ReadLease(session.Prepared(SqliteStoreSql.Engine.SelectHistory), owner: null, state: null, synchronous: true);
        foreach (var path in paths)
        {
            var entries = await EntryRows.ReadAllAsync(history.Bind(0, path), cancellationToken).ConfigureAwait(false);
            if (entries.Count > 0)
            {
                histories[path] = entries;
            }
        }
    }

    private static void ReadAllHistories(SqliteReadSession session, IReadOnlyCollection<string> paths, Dictionary<string, IReadOnlyList<FileEntry>> histories, CancellationToken cancellationToken)
    {
        var wanted = paths as IReadOnlySet<string> ?? new HashSet<string>(paths, StringComparer.Ordinal);
        var hash = new byte[ContentHasher.HashLength];
        using var reader = session.AllHistory.ExecuteReader();
        var read = 0;
        while (reader.Read())
        {
            if ((++read & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (wanted.Contains(reader.GetString(0)))
            {
                AddHistoryRow(histories, reader, hash);
            }
        }
    }

    private async ValueTask<SqliteReadSession> RentReaderAsync(CancellationToken cancellationToken)
    {
        EnsureOpen();
        if (!_readSlots.Wait(0))
        {
            await _readSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_idleReaders.TryTake(out var session))
        {
            return session;
        }

        try
        {
            return OpenReader();
        }
        catch
        {
            _readSlots.Release();
            throw;
        }
    }

    private void ReturnReader(SqliteReadSession session)
    {
        if (IsDisposed)
        {
            session.Dispose();
        }
        else
        {
            _idleReaders.Add(session);
        }

        _readSlots.Release();
    }
}
