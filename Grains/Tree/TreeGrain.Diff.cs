using System.Buffers;
using System.Text;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merge;
using AeorDb.Grains.Services.Merkle;
using AeorDb.Grains.Services.Storage;

namespace AeorDb.Grains.Tree;

internal sealed partial class TreeGrain
{
    public async Task<TreeDiffResult> DiffAsync(string? sinceRootHash)
    {
        await _loaded;
        if (sinceRootHash is null || !ObjectBytes.IsHash(sinceRootHash) || !await IsKnownRootAsync(sinceRootHash))
        {
            return await WithDeletionsAndHistoryAsync(FullListing(), null);
        }

        // HEAD is captured before the first await of the walk: the walk reads only immutable directory nodes
        // of that root, so commits landing meanwhile cannot tear the result.
        var since = sinceRootHash.ToLowerInvariant();
        var rootHash = _index.RootHash;
        var diff = await MerkleDiff.DiffAsync(objectStore, since, rootHash, CancellationToken.None);
        var result = new TreeDiffResult(
            rootHash,
            FullListing: false,
            await ToItemsAsync(diff.Added),
            await ToItemsAsync(diff.Modified),
            [.. diff.Deleted.Select(static e => new TreeDiffItem(e.Path, e.Kind, e.OldHash!, null, e.OldHash))]);
        return await WithDeletionsAndHistoryAsync(result, since);
    }

    /// <summary>
    /// Adds the deletion records committed since <paramref name="since"/> (every one for a full listing): a path put,
    /// pulled by others and deleted between two of a peer's pulls is absent from both trees, yet the peer must learn
    /// of the deletion. Then gives every item the states its path had here before, so the puller can tell a change
    /// made after seeing its own version from a concurrent one. Store reads run off the grain's thread.
    /// </summary>
    private async Task<TreeDiffResult> WithDeletionsAndHistoryAsync(TreeDiffResult diff, string? since)
    {
        var deletions = await Task.Run(() => treeStore.GetDeletionsAsync(since));
        var present = new HashSet<string>(diff.Added.Select(static i => i.Path).Concat(diff.Modified.Select(static i => i.Path)), StringComparer.Ordinal);
        var deleted = new SortedDictionary<string, TreeDiffItem>(StringComparer.Ordinal);
        foreach (var item in diff.Deleted)
        {
            deleted[item.Path] = item;
        }

        foreach (var deletion in deletions)
        {
            // A deletion committed after the diff's HEAD was captured may meet the path put again: HEAD's answer stands.
            if (present.Contains(deletion.Path) || _index.Get(deletion.Path) is not null)
            {
                continue;
            }

            var merkle = deleted.GetValueOrDefault(deletion.Path);
            deleted[deletion.Path] = new TreeDiffItem(deletion.Path, merkle?.Kind ?? EntryKind.File, deletion.Hash, null, merkle?.PreviousHash, deletion.Stamp);
        }

        var paths = present.Concat(deleted.Keys).ToList();
        var histories = paths.Count == 0
            ? new Dictionary<string, IReadOnlyList<FileEntry>>()
            : await Task.Run(() => treeStore.GetHistoriesAsync(paths));
        return diff with
        {
            Added = WithHistory(diff.Added, histories, deleted: false),
            Modified = WithHistory(diff.Modified, histories, deleted: false),
            Deleted = WithHistory([.. deleted.Values], histories, deleted: true),
        };
    }

    private static List<TreeDiffItem> WithHistory(IReadOnlyList<TreeDiffItem> items, IReadOnlyDictionary<string, IReadOnlyList<FileEntry>> histories, bool deleted)
    {
        var result = new List<TreeDiffItem>(items.Count);
        foreach (var item in items)
        {
            if (item.Stamp is not { } stamp || !histories.TryGetValue(item.Path, out var history))
            {
                result.Add(item);
                continue;
            }

            var at = PathHistory.IndexOf(history, new VersionRef(item.Hash, stamp, deleted));
            if (at < 0)
            {
                // The path changed again since (or its history rolled past this state): no claim about what came before.
                result.Add(item);
                continue;
            }

            var kind = item.Kind;
            if (deleted && history.Skip(at + 1).FirstOrDefault(e => e.Kind != EntryKind.Deletion && e.Hash == item.Hash) is { } version)
            {
                kind = version.Kind;
            }

            result.Add(item with { Kind = kind, History = PathHistory.Before(history, at) });
        }

        return result;
    }

    /// <summary>All files and symlinks of HEAD from memory, taken synchronously so root and entries agree.</summary>
    private TreeDiffResult FullListing()
    {
        var rootHash = _index.RootHash;
        var items = new List<TreeDiffItem>();
        foreach (var entry in _index.Entries())
        {
            if (entry.Kind is EntryKind.File or EntryKind.Symlink)
            {
                items.Add(new TreeDiffItem(entry.Path, entry.Kind, entry.Hash, entry.Target, null, entry.Stamp));
            }
        }

        items.Sort(static (x, y) => string.CompareOrdinal(x.Path, y.Path));
        return new TreeDiffResult(rootHash, FullListing: true, items, [], []);
    }

    private async Task<IReadOnlyList<TreeDiffItem>> ToItemsAsync(IReadOnlyList<TreeDiffEntry> entries)
    {
        var items = new TreeDiffItem[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var target = entry.Kind == EntryKind.Symlink ? await SymlinkTargetAsync(entry.Path, entry.NewHash!) : null;
            // The stamp comes from HEAD while HEAD still holds that version; a later commit leaves it unknown.
            var current = _index.Get(entry.Path);
            var stamp = current is not null && current.Hash == entry.NewHash ? current.Stamp : null;
            items[i] = new TreeDiffItem(entry.Path, entry.Kind, entry.NewHash!, target, entry.OldHash, stamp);
        }

        return items;
    }

    /// <summary>The target of a symlink record: from HEAD when HEAD still holds that record, else from the store.</summary>
    private async Task<string?> SymlinkTargetAsync(string path, string hash)
    {
        if (_index.Get(path) is { Kind: EntryKind.Symlink } current && current.Hash == hash)
        {
            return current.Target;
        }

        var id = Convert.FromHexString(hash);
        var info = await objectStore.GetInfoAsync(id);
        if (info is null || info.Kind != ObjectKind.Symlink)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(info.Length, 1));
        try
        {
            var length = await objectStore.ReadAsync(id, buffer);
            return length < 0 ? null : Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
