using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Merkle;

internal sealed partial class TreeIndex
{
    /// <summary>
    /// Replaces HEAD with the catalog's entries and recomputes every directory hash. Missing parent
    /// directories are recreated; an entry below a file, or otherwise malformed, is skipped and counted.
    /// Children are gathered in plain dictionaries first and each directory's map is built once: O(total).
    /// </summary>
    /// <returns>How many entries were skipped.</returns>
    public int Load(IEnumerable<FileEntry> entries)
    {
        Reset();
        var children = new Dictionary<string, Dictionary<string, FileEntry>>(StringComparer.Ordinal)
        {
            [TreePaths.Root] = new(StringComparer.Ordinal),
        };
        var skipped = 0;
        foreach (var entry in entries.OrderBy(e => TreePaths.Depth(e.Path)).ThenBy(e => e.Path, StringComparer.Ordinal))
        {
            if (!TreePaths.IsCanonical(entry.Path) || entry.Path == TreePaths.Root || !TryLoad(entry, children))
            {
                skipped++;
            }
        }

        RehashAll(children);
        var root = _directories[TreePaths.Root];
        if (root.Children.Count > 0)
        {
            root.CreatedAt = root.Children.Values.Min(e => e.CreatedAt);
            root.UpdatedAt = root.Children.Values.Max(e => e.UpdatedAt);
        }

        return skipped;
    }

    private bool TryLoad(FileEntry entry, Dictionary<string, Dictionary<string, FileEntry>> children)
    {
        var parent = LoadDirectory(TreePaths.Parent(entry.Path), entry, children);
        var name = TreePaths.Name(entry.Path);
        if (parent is null || parent.ContainsKey(name))
        {
            return false;
        }

        if (entry.Kind == EntryKind.Directory)
        {
            LoadDirectory(entry.Path, entry, children);
            return true;
        }

        if (entry.Kind is not (EntryKind.File or EntryKind.Symlink) || !IsLoadableHash(entry.Hash))
        {
            return false;
        }

        parent[name] = entry with { Hash = entry.Hash.ToLowerInvariant() };
        return true;
    }

    /// <summary>The children of the directory at <paramref name="path"/>, created (with its ancestors) from <paramref name="source"/>'s times when missing; null under a file.</summary>
    private Dictionary<string, FileEntry>? LoadDirectory(string path, FileEntry source, Dictionary<string, Dictionary<string, FileEntry>> children)
    {
        if (children.TryGetValue(path, out var existing))
        {
            return existing;
        }

        var parent = LoadDirectory(TreePaths.Parent(path), source, children);
        var name = TreePaths.Name(path);
        if (parent is null || parent.ContainsKey(name))
        {
            return null;
        }

        var directory = new TreeDirectory(path, source.CreatedAt, source.UpdatedAt, source.Stamp, _maxLeafChildren);
        _directories[path] = directory;
        parent[name] = directory.ToEntry();
        var own = new Dictionary<string, FileEntry>(StringComparer.Ordinal);
        children[path] = own;
        return own;
    }

    /// <summary>Builds every directory's map deepest first, so each parent is built after its subdirectories' entries carry their hashes.</summary>
    private void RehashAll(Dictionary<string, Dictionary<string, FileEntry>> children)
    {
        foreach (var directory in _directories.Values.OrderByDescending(d => TreePaths.Depth(d.Path)).ToList())
        {
            directory.Children = ChildMap.Create(children[directory.Path], _maxLeafChildren);
            directory.Hash = Convert.ToHexStringLower(directory.Children.ComputeHash(null));
            if (directory.Path == TreePaths.Root)
            {
                RootHash = directory.Hash;
            }
            else
            {
                children[TreePaths.Parent(directory.Path)][TreePaths.Name(directory.Path)] = directory.ToEntry();
            }
        }
    }

    private static bool IsLoadableHash(string hash) => hash.Length == 64 && hash.All(char.IsAsciiHexDigit);
}
