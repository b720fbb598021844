using System.Buffers;
using System.Text;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merkle;

namespace AeorDb.Grains.Tree;

internal sealed partial class TreeGrain
{
    public async Task<TreeDiffResult> DiffAsync(string? sinceRootHash)
    {
        if (sinceRootHash is null || !IsHash(sinceRootHash) || !await IsKnownRootAsync(sinceRootHash))
        {
            return FullListing();
        }

        // HEAD is captured before the first await of the walk: the walk reads only immutable directory nodes
        // of that root, so commits landing meanwhile cannot tear the result.
        var rootHash = _index.RootHash;
        var diff = await MerkleDiff.DiffAsync(objectStore, sinceRootHash.ToLowerInvariant(), rootHash, CancellationToken.None);
        return new TreeDiffResult(
            rootHash,
            FullListing: false,
            await ToItemsAsync(diff.Added),
            await ToItemsAsync(diff.Modified),
            [.. diff.Deleted.Select(static e => new TreeDiffItem(e.Path, e.Kind, e.OldHash!, null, e.OldHash))]);
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

    private static bool IsHash(string hex) => hex.Length == 64 && hex.All(char.IsAsciiHexDigit);
}
