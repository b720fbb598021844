using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace AeorDb.Grains.Services.Storage;

/// <summary>The tree store: catalog of HEAD, root history, atomic commits.</summary>
internal sealed partial class SqliteObjectStore
{
    /// <summary>How many versions <see cref="GetHistoryAsync"/> returns (the LIMIT of <see cref="SqliteStoreSql.SelectHistory"/>).</summary>
    public const int HistoryLimit = 16;

    public async Task<IReadOnlyList<FileEntry>> LoadCatalogAsync(CancellationToken cancellationToken = default)
    {
        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return ReadEntries(session.Catalog, cancellationToken);
        }
        finally
        {
            ReturnReader(session);
        }
    }

    public async IAsyncEnumerable<FileEntry> ReadCatalogAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var reader = session.Catalog.ExecuteReader();
            for (var rows = 1; reader.Read(); rows++)
            {
                if ((rows & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                yield return ReadEntry(reader);
            }
        }
        finally
        {
            ReturnReader(session);
        }
    }

    public async Task<IReadOnlyList<FileEntry>?> ListCatalogBelowAsync(string directory, int limit, CancellationToken cancellationToken = default)
    {
        // Paths below "/d" sort between "/d/" and "/d0" ('0' follows '/'): a range read on the catalog's path key.
        var low = directory == "/" ? "/" : directory + "/";
        var high = directory == "/" ? "0" : directory + "0";
        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = session.Connection.CreateCommand();
            command.CommandText = SqliteStoreSql.SelectCatalog + " WHERE path >= $low AND path < $high ORDER BY path LIMIT $limit";
            command.Parameters.AddWithValue("$low", low);
            command.Parameters.AddWithValue("$high", high);
            command.Parameters.AddWithValue("$limit", limit + 1);
            var entries = ReadEntries(command, cancellationToken);
            return entries.Count > limit ? null : entries;
        }
        finally
        {
            ReturnReader(session);
        }
    }

    public async Task<FileEntry?> GetCatalogEntryAsync(string path, CancellationToken cancellationToken = default)
    {
        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var reader = SqliteReadSession.Bind(session.CatalogEntry, path).ExecuteReader();
            return reader.Read() ? ReadEntry(reader) : null;
        }
        finally
        {
            ReturnReader(session);
        }
    }

    public async Task<IReadOnlyList<FileEntry>> GetHistoryAsync(string path, CancellationToken cancellationToken = default)
    {
        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return ReadEntries(SqliteReadSession.Bind(session.History, path), cancellationToken);
        }
        finally
        {
            ReturnReader(session);
        }
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<FileEntry>>> GetHistoriesAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default)
    {
        var histories = new Dictionary<string, IReadOnlyList<FileEntry>>(StringComparer.Ordinal);
        if (paths.Count == 0)
        {
            return histories;
        }

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
                LookUpHistories(session, paths, histories, cancellationToken);
            }

            return histories;
        }
        finally
        {
            ReturnReader(session);
        }
    }

    /// <summary>One lookup costs about as much as reading this many rows in one pass.</summary>
    private const int HistoryPassFactor = 64;

    private static void LookUpHistories(SqliteReadSession session, IReadOnlyCollection<string> paths, Dictionary<string, IReadOnlyList<FileEntry>> histories, CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            var entries = ReadEntries(SqliteReadSession.Bind(session.History, path), cancellationToken);
            if (entries.Count > 0)
            {
                histories[path] = entries;
            }
        }
    }

    private static void ReadAllHistories(SqliteReadSession session, IReadOnlyCollection<string> paths, Dictionary<string, IReadOnlyList<FileEntry>> histories, CancellationToken cancellationToken)
    {
        var wanted = paths as IReadOnlySet<string> ?? new HashSet<string>(paths, StringComparer.Ordinal);
        using var reader = session.AllHistory.ExecuteReader();
        var read = 0;
        while (reader.Read())
        {
            if ((++read & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var path = reader.GetString(0);
            if (!wanted.Contains(path))
            {
                continue;
            }

            if (!histories.TryGetValue(path, out var list))
            {
                histories[path] = list = new List<FileEntry>(4);
            }

            var entries = (List<FileEntry>)list;
            if (entries.Count < HistoryLimit)
            {
                entries.Add(ReadEntry(reader));
            }
        }
    }

    public async Task<IReadOnlyList<FileEntry>> GetDeletionsAsync(string? sinceRootHash, CancellationToken cancellationToken = default)
    {
        // A root we cannot parse is unknown: every current deletion.
        var root = sinceRootHash is not null && ObjectBytes.TryParseHash(sinceRootHash, out var parsed) ? parsed : [];
        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return ReadEntries(SqliteReadSession.Bind(session.DeletionsSince, root), cancellationToken);
        }
        finally
        {
            ReturnReader(session);
        }
    }

    public async Task<string?> GetHeadRootAsync(CancellationToken cancellationToken = default)
    {
        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return session.HeadRoot.ExecuteScalar() is byte[] root ? Convert.ToHexStringLower(root) : null;
        }
        finally
        {
            ReturnReader(session);
        }
    }

    public async Task<bool> IsKnownRootAsync(string rootHash, CancellationToken cancellationToken = default)
    {
        if (!ObjectBytes.TryParseHash(rootHash, out var hash))
        {
            return false;
        }

        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return SqliteReadSession.Bind(session.RootExists, hash).ExecuteScalar() is not null;
        }
        finally
        {
            ReturnReader(session);
        }
    }

    public async Task CommitAsync(TreeCommit commit, CancellationToken cancellationToken = default)
    {
        var references = await ObjectReference.ForCommitAsync(this, commit, cancellationToken).ConfigureAwait(false);
        await EnqueueAsync(new CommitWrite(commit with { References = references }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every row of a tree-entry query (catalog, history and deletions share the columns).</summary>
    private static List<FileEntry> ReadEntries(SqliteCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = new List<FileEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(ReadEntry(reader));
            if ((entries.Count & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return entries;
    }

    /// <summary>Maps a row of <see cref="SqliteStoreSql.SelectCatalog"/> (history and deletions share its columns).</summary>
    private static FileEntry ReadEntry(SqliteDataReader reader)
    {
        // GetBytes opens a blob stream per call (a column-metadata query each time: measured as most of a cold start's
        // catalog read); the column's value is read directly instead.
        var hash = reader.GetFieldValue<byte[]>(2);
        return new FileEntry(
            reader.GetString(0),
            (EntryKind)reader.GetInt64(1),
            Convert.ToHexStringLower(hash),
            reader.GetInt64(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.GetInt64(6),
            reader.GetInt64(7),
            new VersionStamp(reader.GetInt64(8), unchecked((ulong)reader.GetInt64(9))));
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
        if (Volatile.Read(ref _disposed) != 0)
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
