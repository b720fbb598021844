using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Merkle;

internal sealed partial class TreeIndex
{
    /// <summary>
    /// Replaces HEAD with the catalog's entries and recomputes every directory hash. Missing parent
    /// directories are recreated; an entry below a file, or otherwise malformed, is skipped and counted.
    /// </summary>
    /// <returns>How many entries were skipped.</returns>
    public int Load(IEnumerable<FileEntry> entries)
    {
        Reset();
        var skipped = 0;
        foreach (var entry in entries.OrderBy(e => TreePaths.Depth(e.Path)).ThenBy(e => e.Path, StringComparer.Ordinal))
        {
            if (!TreePaths.IsCanonical(entry.Path) || entry.Path == TreePaths.Root || !TryLoad(entry))
            {
                skipped++;
            }
        }

        RehashAll();
        var root = _directories[TreePaths.Root];
        if (root.Children.Count > 0)
        {
            root.CreatedAt = root.Children.Values.Min(e => e.CreatedAt);
            root.UpdatedAt = root.Children.Values.Max(e => e.UpdatedAt);
        }

        return skipped;
    }

    private bool TryLoad(FileEntry entry)
    {
        var parent = LoadDirectory(TreePaths.Parent(entry.Path), entry);
        var name = TreePaths.Name(entry.Path);
        if (parent is null || parent.Children.ContainsKey(name))
        {
            return false;
        }

        if (entry.Kind == EntryKind.Directory)
        {
            LoadDirectory(entry.Path, entry);
            return true;
        }

        if (entry.Kind is not (EntryKind.File or EntryKind.Symlink) || !IsLoadableHash(entry.Hash))
        {
            return false;
        }

        parent.Children[name] = entry with { Hash = entry.Hash.ToLowerInvariant() };
        return true;
    }

    /// <summary>The directory at <paramref name="path"/>, created (with its ancestors) from <paramref name="source"/>'s times when missing; null under a file.</summary>
    private TreeDirectory? LoadDirectory(string path, FileEntry source)
    {
        if (_directories.TryGetValue(path, out var existing))
        {
            return existing;
        }

        var parent = LoadDirectory(TreePaths.Parent(path), source);
        var name = TreePaths.Name(path);
        if (parent is null || parent.Children.ContainsKey(name))
        {
            return null;
        }

        var directory = new TreeDirectory(path, source.CreatedAt, source.UpdatedAt, source.Stamp);
        _directories[path] = directory;
        parent.Children[name] = directory.ToEntry();
        return directory;
    }

    private void RehashAll()
    {
        foreach (var directory in _directories.Values.OrderByDescending(d => TreePaths.Depth(d.Path)).ToList())
        {
            directory.Hash = Convert.ToHexStringLower(MerkleCodec.DirectoryId(TreeBatch.Encode(directory)));
            if (directory.Path == TreePaths.Root)
            {
                RootHash = directory.Hash;
            }
            else
            {
                _directories[TreePaths.Parent(directory.Path)].Children[TreePaths.Name(directory.Path)] = directory.ToEntry();
            }
        }
    }

    private static bool IsLoadableHash(string hash) => hash.Length == 64 && hash.All(char.IsAsciiHexDigit);
}
