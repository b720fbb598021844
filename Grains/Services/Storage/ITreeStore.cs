using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// Durable side of the tree grain: the catalog (every entry of HEAD with its metadata, keyed by path),
/// the history of committed roots, and atomic commits. Implemented by each storage backend next to its
/// object store, in the same database, so a commit and its directory nodes land in one transaction.
/// </summary>
internal interface ITreeStore
{
    /// <summary>Every catalog entry of HEAD (files, symlinks, directories; not "/").</summary>
    Task<IReadOnlyList<FileEntry>> LoadCatalogAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Every catalog entry of HEAD, streamed in the store's order (one sequential scan; not sorted): what a cold start
    /// reads, without holding a million rows at once. By default it reads <see cref="LoadCatalogAsync"/>.
    /// </summary>
    async IAsyncEnumerable<FileEntry> ReadCatalogAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var entry in await LoadCatalogAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return entry;
        }
    }

    /// <summary>
    /// The catalog entries below <paramref name="directory"/> (all depths), in path order, when there are at most
    /// <paramref name="limit"/>; null when there are more, or when the store cannot answer this from an index. Lets the
    /// tree answer a small listing while HEAD is still loading. By default null.
    /// </summary>
    Task<IReadOnlyList<FileEntry>?> ListCatalogBelowAsync(string directory, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<FileEntry>?>(null);

    /// <summary>One catalog entry; null when absent.</summary>
    Task<FileEntry?> GetCatalogEntryAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest file and symlink versions and deletions (<see cref="EntryKind.Deletion"/>) committed at
    /// <paramref name="path"/>, newest first (at most 16). Each commit records them in the same transaction as the
    /// catalog, so history costs no extra write.
    /// </summary>
    Task<IReadOnlyList<FileEntry>> GetHistoryAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>The history of each of <paramref name="paths"/> (as <see cref="GetHistoryAsync"/>); a path with none is left out.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<FileEntry>>> GetHistoriesAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default);

    /// <summary>
    /// The current deletions (paths whose latest commit deleted them and nothing was put there since), sorted by path,
    /// committed after the first commit of <paramref name="sinceRootHash"/>; all of them when it is null or unknown.
    /// A root that recurs counts from its first commit, so nothing deleted since the caller saw it is left out.
    /// </summary>
    Task<IReadOnlyList<FileEntry>> GetDeletionsAsync(string? sinceRootHash, CancellationToken cancellationToken = default);

    /// <summary>The latest committed root hash, or null for a new database.</summary>
    Task<string?> GetHeadRootAsync(CancellationToken cancellationToken = default);

    /// <summary>True when the root hash was committed here before.</summary>
    Task<bool> IsKnownRootAsync(string rootHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the whole commit in one transaction; returns once it is durable. Refuses it, writing nothing, with
    /// <see cref="TreeHeadMovedException"/> when the stored HEAD is not <see cref="TreeCommit.BaseRootHash"/>.
    /// </summary>
    Task CommitAsync(TreeCommit commit, CancellationToken cancellationToken = default);
}
