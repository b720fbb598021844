using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merkle;
using AeorDb.Grains.Services.Storage;

namespace AeorDb.Grains.Files;

/// <summary>
/// The read-modify-write operations of its canonical path (the grain key): delete (of a kind), rename, and the
/// path's history. A plain PUT does not come here: it is one call to the tree grain
/// (<see cref="ITreeGrain.PutFileAsync"/>), which stamps each change as it applies it.
/// <para>
/// Why the PUT bypasses this grain: a bulk upload used to activate one grain per new path and keep it for minutes
/// (measured: ~2 KiB of runtime objects per activation, ~48 000 live activations at 1 000 PUT/s, most of the node's
/// memory), and every new path paid an activation's creation and collection. The rule "one writer per path" now holds
/// at the tree grain, the single point where a node's writes to HEAD are ordered: it applies them one call after the
/// other and stamps each when it applies it, so a path's stamps follow the order its writes reach HEAD. What this grain
/// does on top is a read followed by a commit; that commit carries a compare-and-swap guard
/// (<see cref="TreeChange.ExpectedHash"/>: the source must still hold what was read), so a PUT that lands in between
/// makes the tree refuse it (<see cref="CommitStatus.Stale"/>) and the grain reads again and retries: the PUT is never
/// undone or overwritten by a stale read.
/// </para>
/// <para>
/// The grain keeps no Orleans state of its own: the path's current entry is the tree's, and its version history is
/// written by the tree commit itself (one history row per version, in the same transaction as the catalog).
/// </para>
/// </summary>
// Activations come from renames and deletes only; with nothing to cache between calls, an idle one goes after two minutes.
[CollectionAgeLimit(Minutes = 2)]
internal sealed class FileGrain(ITreeStore treeStore) : Grain, IFileGrain
{
    /// <summary>How often a delete or rename reads again after a concurrent write changed its source.</summary>
    private const int MaxAttempts = 16;

    /// <summary>The placeholder stamp of an entry the tree stamps when it applies it.</summary>
    private static readonly VersionStamp _noStamp = new(0, 0);

    private string Path => this.GetPrimaryKeyString();

    private ITreeGrain Tree => GrainFactory.GetGrain<ITreeGrain>(0);

    public Task<FileEntry?> GetAsync() => Tree.GetAsync(Path);

    public Task<IReadOnlyList<FileEntry>> GetHistoryAsync() => treeStore.GetHistoryAsync(Path);

    public Task<WriteResult> PutFileAsync(string versionHash, long size, string? contentType) =>
        Tree.PutFileAsync(Path, versionHash, size, contentType);

    public async Task<WriteResult> PutSymlinkAsync(string target)
    {
        if (Path == TreePaths.Root || !TreePaths.IsCanonical(target) || target == Path)
        {
            return Failed(CommitStatus.Invalid);
        }

        var entry = new FileEntry(Path, EntryKind.Symlink, TreeBatch.SymlinkHash(target), 0, null, target, 0, 0, _noStamp);
        return await CommitAsync([new TreeChange(Path, entry, KeepCreatedAt: true, StampOnApply: true)], entry);
    }

    public async Task<WriteResult> DeleteAsync(EntryKind? onlyKind)
    {
        if (Path == TreePaths.Root)
        {
            return Failed(CommitStatus.Invalid);
        }

        for (var attempt = 1; ; attempt++)
        {
            var existing = await Tree.GetAsync(Path);
            if (existing is null || (onlyKind is not null && existing.Kind != onlyKind))
            {
                return Failed(CommitStatus.NotFound);
            }

            // A directory is deleted only when empty, which the tree checks itself; a file or symlink only if unchanged.
            var expected = existing.Kind == EntryKind.Directory ? null : existing.Hash;
            var result = await CommitAsync([new TreeChange(Path, null, ExpectedHash: expected)], existing);
            if (result.Status != CommitStatus.Stale || attempt == MaxAttempts)
            {
                return result;
            }
        }
    }

    public async Task<WriteResult> RenameAsync(string to)
    {
        if (Path == TreePaths.Root || to == Path || to == TreePaths.Root || !TreePaths.IsCanonical(to))
        {
            return Failed(CommitStatus.Invalid);
        }

        for (var attempt = 1; ; attempt++)
        {
            var existing = await Tree.GetAsync(Path);
            if (existing is null)
            {
                return Failed(CommitStatus.NotFound);
            }

            if (existing.Kind == EntryKind.Directory)
            {
                return Failed(CommitStatus.Invalid);
            }

            var moved = existing with { Path = to };
            var result = await CommitAsync([new TreeChange(Path, null, ExpectedHash: existing.Hash), new TreeChange(to, moved, StampOnApply: true)], moved);
            if (result.Status != CommitStatus.Stale || attempt == MaxAttempts)
            {
                return result;
            }
        }
    }

    /// <summary>Commits through the tree (which records the version history in the same transaction).</summary>
    private async Task<WriteResult> CommitAsync(IReadOnlyList<TreeChange> changes, FileEntry result)
    {
        var commit = await Tree.CommitAsync(changes);
        return commit.Status == CommitStatus.Ok
            ? new WriteResult(CommitStatus.Ok, commit.Written ?? result, 0)
            : new WriteResult(commit.Status, null, commit.ChildCount);
    }

    private static WriteResult Failed(CommitStatus status) => new(status, null, 0);
}
