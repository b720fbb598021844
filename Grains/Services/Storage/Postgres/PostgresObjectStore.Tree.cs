using AeorDb.Grains.Interfaces.Models;
using System.Runtime.CompilerServices;
using Npgsql;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>The tree store's reads: catalog of HEAD, history, HEAD and known roots.</summary>
internal sealed partial class PostgresObjectStore
{
    public async Task<IReadOnlyList<FileEntry>> LoadCatalogAsync(CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand(PostgresStoreSql.SelectCatalog);
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<FileEntry> ReadCatalogAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand(PostgresStoreSql.SelectCatalog);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadEntry(reader);
        }
    }

    public async Task<FileEntry?> GetCatalogEntryAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var command = PathCommand(PostgresStoreSql.SelectCatalogEntry, path);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadEntry(reader) : null;
    }

    public async Task<IReadOnlyList<FileEntry>> GetHistoryAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var command = PathCommand(PostgresStoreSql.SelectHistory, path);
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<FileEntry>>> GetHistoriesAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default)
    {
        var histories = new Dictionary<string, IReadOnlyList<FileEntry>>(StringComparer.Ordinal);
        if (paths.Count == 0)
        {
            return histories;
        }

        await using var command = DataSource.CreateCommand(PostgresStoreSql.SelectHistories);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. paths] });
        foreach (var entry in await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false))
        {
            if (!histories.TryGetValue(entry.Path, out var list))
            {
                histories[entry.Path] = list = new List<FileEntry>(4);
            }

            ((List<FileEntry>)list).Add(entry);
        }

        return histories;
    }

    public async Task<IReadOnlyList<FileEntry>> GetDeletionsAsync(string? sinceRootHash, CancellationToken cancellationToken = default)
    {
        var root = sinceRootHash is not null && ObjectBytes.TryParseHash(sinceRootHash, out var parsed) ? parsed : [];
        await using var command = KeyedCommand(PostgresStoreSql.SelectDeletionsSince, root);
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> GetHeadRootAsync(CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand(PostgresStoreSql.SelectHeadRoot);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is byte[] root ? Convert.ToHexStringLower(root) : null;
    }

    public async Task<bool> IsKnownRootAsync(string rootHash, CancellationToken cancellationToken = default)
    {
        if (!ObjectBytes.TryParseHash(rootHash, out var hash))
        {
            return false;
        }

        await using var command = KeyedCommand(PostgresStoreSql.SelectRootExists, hash);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    public async Task CommitAsync(TreeCommit commit, CancellationToken cancellationToken = default)
    {
        var references = await ObjectReference.ForCommitAsync(this, commit, cancellationToken).ConfigureAwait(false);
        await EnqueueAsync(new CommitWrite(commit with { References = references }), cancellationToken).ConfigureAwait(false);
    }

    private NpgsqlCommand PathCommand(string sql, string path)
    {
        var command = DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = path });
        return command;
    }

    /// <summary>Every row of a tree-entry query (catalog, history and deletions share the columns).</summary>
    private static async Task<List<FileEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<FileEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    /// <summary>Maps a row of <see cref="PostgresStoreSql.SelectCatalog"/> (the history has the same columns).</summary>
    private static FileEntry ReadEntry(NpgsqlDataReader reader) =>
        new(
            reader.GetString(0),
            (EntryKind)reader.GetInt16(1),
            Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(2)),
            reader.GetInt64(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.GetInt64(6),
            reader.GetInt64(7),
            new VersionStamp(reader.GetInt64(8), unchecked((ulong)reader.GetInt64(9))));
}
