using System.Runtime.CompilerServices;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;

namespace AeorDb.Grains.Services.Storage.Engine;

/// <summary>The tree store (<see cref="ITreeStore"/>): catalog of HEAD, histories, deletions, roots, commits.</summary>
internal abstract partial class SqlNodeStore
{
    /// <summary>Held while a tree commit is prepared and queued, so commits are queued in the order they were made.</summary>
    private readonly SemaphoreSlim _commitOrder = new(1, 1);

    public async Task<IReadOnlyList<FileEntry>> LoadCatalogAsync(CancellationToken cancellationToken = default)
    {
        using var lease = await OpenRead(Sql.SelectCatalog, cancellationToken).ConfigureAwait(false);
        return await EntryRows.ReadAllAsync(lease, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<FileEntry> ReadCatalogAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var lease = await OpenRead(Sql.SelectCatalog, cancellationToken).ConfigureAwait(false);
        await using var reader = await lease.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        for (var rows = 1; await lease.ReadAsync(reader, cancellationToken).ConfigureAwait(false); rows++)
        {
            if ((rows & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            yield return EntryRows.Read(reader);
        }
    }

    /// <summary>See <see cref="ITreeStore.ListCatalogBelowAsync"/>: null here; a dialect with an ordered path key answers it.</summary>
    public virtual Task<IReadOnlyList<FileEntry>?> ListCatalogBelowAsync(string directory, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<FileEntry>?>(null);

    public async Task<FileEntry?> GetCatalogEntryAsync(string path, CancellationToken cancellationToken = default)
    {
        using var lease = await OpenRead(Sql.SelectCatalogEntry, cancellationToken).ConfigureAwait(false);
        await using var reader = await lease.Bind(0, path).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await lease.ReadAsync(reader, cancellationToken).ConfigureAwait(false) ? EntryRows.Read(reader) : null;
    }

    public async Task<IReadOnlyList<FileEntry>> GetHistoryAsync(string path, CancellationToken cancellationToken = default)
    {
        using var lease = await OpenRead(Sql.SelectHistory, cancellationToken).ConfigureAwait(false);
        return await EntryRows.ReadAllAsync(lease.Bind(0, path), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<FileEntry>>> GetHistoriesAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default)
    {
        var histories = new Dictionary<string, IReadOnlyList<FileEntry>>(StringComparer.Ordinal);
        if (paths.Count > 0)
        {
            await ReadHistoriesAsync(paths, histories, cancellationToken).ConfigureAwait(false);
        }

        return histories;
    }

    /// <summary>
    /// Fills <paramref name="histories"/> with the history of each of <paramref name="paths"/> (none for a path without):
    /// the query strategy is the dialect's (SQLite chooses between lookups and one pass, PostgreSQL sends one query).
    /// </summary>
    private protected abstract Task ReadHistoriesAsync(IReadOnlyCollection<string> paths, Dictionary<string, IReadOnlyList<FileEntry>> histories, CancellationToken cancellationToken);

    /// <summary>Adds a history row of the current reader row to its path's list, up to <see cref="HistoryLimit"/> rows.</summary>
    private protected static void AddHistoryRow(Dictionary<string, IReadOnlyList<FileEntry>> histories, System.Data.Common.DbDataReader reader, byte[] hashBuffer)
    {
        var path = reader.GetString(0);
        if (!histories.TryGetValue(path, out var list))
        {
            histories[path] = list = new List<FileEntry>(4);
        }

        var entries = (List<FileEntry>)list;
        if (entries.Count < HistoryLimit)
        {
            entries.Add(EntryRows.Read(reader));
        }
    }

    public async Task<IReadOnlyList<FileEntry>> GetDeletionsAsync(string? sinceRootHash, CancellationToken cancellationToken = default)
    {
        // A root we cannot parse is unknown: every current deletion.
        var root = sinceRootHash is not null && ObjectBytes.TryParseHash(sinceRootHash, out var parsed) ? parsed : [];
        using var lease = await OpenRead(Sql.SelectDeletionsSince, cancellationToken).ConfigureAwait(false);
        return await EntryRows.ReadAllAsync(lease.Bind(0, root), cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> GetHeadRootAsync(CancellationToken cancellationToken = default)
    {
        using var lease = await OpenRead(Sql.SelectHeadRoot, cancellationToken).ConfigureAwait(false);
        return await lease.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is byte[] root ? Convert.ToHexStringLower(root) : null;
    }

    public async Task<bool> IsKnownRootAsync(string rootHash, CancellationToken cancellationToken = default)
    {
        if (!ObjectBytes.TryParseHash(rootHash, out var hash))
        {
            return false;
        }

        using var lease = await OpenRead(Sql.SelectRootExists, cancellationToken).ConfigureAwait(false);
        return await lease.Bind(0, hash).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    public async Task CommitAsync(TreeCommit commit, CancellationToken cancellationToken = default)
    {
        // Commits reach the writer in the order they were handed over: the tree hands over the next commit, based on the
        // root of the one before, while that one is still being written (TreeCommitOptions.PipelineDepth).
        Task written;
        await _commitOrder.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Staged small files the commit puts are written in its transaction (and the commit's answer makes them durable).
            var staged = Staged?.Capture(commit.Upserts);
            if (staged is { } captured)
            {
                commit = commit with { Objects = [.. commit.Objects, .. captured.Objects] };
            }

            var references = await ObjectReference.ForCommitAsync((AeorDb.Grains.Interfaces.IObjectStore)this, commit, staged?.Versions, cancellationToken).ConfigureAwait(false);
            written = await QueueAsync(new CommitWrite(commit with { References = references }), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _commitOrder.Release();
        }

        await written.ConfigureAwait(false);
    }

    public async Task<StoreUsage> ReadUsageAsync(CancellationToken cancellationToken)
    {
        using var lease = await OpenRead(Sql.SelectUsage, cancellationToken).ConfigureAwait(false);
        await using var reader = await lease.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await lease.ReadAsync(reader, cancellationToken).ConfigureAwait(false);
        return new StoreUsage(reader.GetInt64(0), reader.GetInt64(1));
    }
}
