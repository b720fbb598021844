using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merkle;

namespace AeorDb.Grains.Files;

/// <summary>
/// The one writer of its canonical path (the grain key). Not reentrant, so writes to one path serialize
/// here; each gets a clock stamp, is committed through the tree grain and is acknowledged only after the
/// tree commit and this grain's state are durable. Only hashes and paths pass through: never chunk bytes.
/// </summary>
internal sealed class FileGrain(
    [PersistentState("state", "aeordb")] IPersistentState<FileGrainState> state,
    IHybridClock clock) : Grain, IFileGrain
{
    /// <summary>How many versions the short history keeps.</summary>
    public const int HistoryLength = 16;

    private string Path => this.GetPrimaryKeyString();

    private ITreeGrain Tree => GrainFactory.GetGrain<ITreeGrain>(0);

    public Task<FileEntry?> GetAsync() => Tree.GetAsync(Path);

    public Task<IReadOnlyList<FileEntry>> GetHistoryAsync() => Task.FromResult<IReadOnlyList<FileEntry>>(state.State.History.ToArray());

    public async Task<WriteResult> PutFileAsync(string versionHash, long size, string? contentType)
    {
        if (Path == TreePaths.Root)
        {
            return Failed(CommitStatus.Invalid);
        }

        var stamp = clock.Next();
        var existing = await Tree.GetAsync(Path);
        var createdAt = existing?.Kind == EntryKind.File ? existing.CreatedAt : stamp.VirtualTime;
        var entry = new FileEntry(Path, EntryKind.File, versionHash.ToLowerInvariant(), size, contentType, null, createdAt, stamp.VirtualTime, stamp);
        return await CommitAsync([new TreeChange(Path, entry)], entry, recordAt: entry, stamp);
    }

    public async Task<WriteResult> PutSymlinkAsync(string target)
    {
        if (Path == TreePaths.Root || !TreePaths.IsCanonical(target) || target == Path)
        {
            return Failed(CommitStatus.Invalid);
        }

        var stamp = clock.Next();
        var existing = await Tree.GetAsync(Path);
        var createdAt = existing?.Kind == EntryKind.Symlink ? existing.CreatedAt : stamp.VirtualTime;
        var entry = new FileEntry(Path, EntryKind.Symlink, TreeBatch.SymlinkHash(target), 0, null, target, createdAt, stamp.VirtualTime, stamp);
        return await CommitAsync([new TreeChange(Path, entry)], entry, recordAt: entry, stamp);
    }

    public async Task<WriteResult> DeleteAsync(EntryKind? onlyKind)
    {
        if (Path == TreePaths.Root)
        {
            return Failed(CommitStatus.Invalid);
        }

        var stamp = clock.Next();
        var existing = await Tree.GetAsync(Path);
        if (existing is null || (onlyKind is not null && existing.Kind != onlyKind))
        {
            return Failed(CommitStatus.NotFound);
        }

        return await CommitAsync([new TreeChange(Path, null)], existing, recordAt: null, stamp);
    }

    public async Task<WriteResult> RenameAsync(string to)
    {
        if (Path == TreePaths.Root || to == Path || to == TreePaths.Root || !TreePaths.IsCanonical(to))
        {
            return Failed(CommitStatus.Invalid);
        }

        var existing = await Tree.GetAsync(Path);
        if (existing is null)
        {
            return Failed(CommitStatus.NotFound);
        }

        if (existing.Kind == EntryKind.Directory)
        {
            return Failed(CommitStatus.Invalid);
        }

        var stamp = clock.Next();
        var moved = existing with { Path = to, UpdatedAt = stamp.VirtualTime, Stamp = stamp };
        return await CommitAsync([new TreeChange(Path, null), new TreeChange(to, moved)], moved, recordAt: null, stamp);
    }

    /// <summary>Commits through the tree, then records the outcome in this grain's state before answering.</summary>
    /// <param name="recordAt">The entry now at this path, or null when the path was emptied.</param>
    /// <param name="stamp">The write's stamp; for a removal it becomes the tombstone's.</param>
    private async Task<WriteResult> CommitAsync(IReadOnlyList<TreeChange> changes, FileEntry result, FileEntry? recordAt, VersionStamp stamp)
    {
        var commit = await Tree.CommitAsync(changes);
        if (commit.Status != CommitStatus.Ok)
        {
            return new WriteResult(commit.Status, null, commit.ChildCount);
        }

        if (recordAt is null)
        {
            state.State.DeletedStamp = stamp;
        }
        else
        {
            state.State.DeletedStamp = null;
            state.State.History.Insert(0, recordAt);
            if (state.State.History.Count > HistoryLength)
            {
                state.State.History.RemoveRange(HistoryLength, state.State.History.Count - HistoryLength);
            }
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The in-memory history is ahead of storage; reload it on the next activation.
            DeactivateOnIdle();
            throw;
        }

        return new WriteResult(CommitStatus.Ok, result, 0);
    }

    private static WriteResult Failed(CommitStatus status) => new(status, null, 0);
}
