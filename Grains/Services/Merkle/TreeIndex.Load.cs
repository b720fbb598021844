using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Merkle;

internal sealed partial class TreeIndex
{
    /// <summary>Children gathered by directory path while a catalog loads (null when no load is under way).</summary>
    private Dictionary<string, Dictionary<string, ChildEntry>>? _loading;

    private int _skipped;

    /// <summary>The directory the previous row went into: rows come mostly in path order, so most rows reuse it.</summary>
    private (string Path, Dictionary<string, ChildEntry> Children)? _lastParent;

    /// <summary>Replaces HEAD with the catalog's entries, in any order (see <see cref="LoadEntry"/>), and rehashes it.</summary>
    /// <returns>How many entries were skipped.</returns>
    public int Load(IEnumerable<FileEntry> entries)
    {
        BeginLoad();
        foreach (var entry in entries)
        {
            LoadEntry(entry);
        }

        return CompleteLoad();
    }

    /// <summary>Starts replacing HEAD with a catalog streamed through <see cref="LoadEntry"/>; HEAD is empty until <see cref="CompleteLoad"/>.</summary>
    public void BeginLoad()
    {
        Reset();
        _skipped = 0;
        _lastParent = null;
        _loading = new(StringComparer.Ordinal) { [TreePaths.Root] = new(StringComparer.Ordinal) };
    }

    /// <summary>
    /// Adds one catalog row, in whatever order the store reads them (one sequential scan, nothing sorted or held
    /// but the compact children): a file's missing parent directories are created from its times, and a directory's
    /// own row, early or late, sets that directory's times. A row below a file, a second row for one path, or a
    /// malformed row is skipped and counted.
    /// </summary>
    public void LoadEntry(FileEntry entry)
    {
        var children = _loading ?? throw new InvalidOperationException("No catalog load is under way.");
        if (!TreePaths.IsCanonical(entry.Path) || entry.Path == TreePaths.Root || !TryLoad(entry, children))
        {
            _skipped++;
        }
    }

    /// <summary>Hashes every directory bottom-up and makes the loaded catalog HEAD: O(total).</summary>
    /// <returns>How many entries were skipped.</returns>
    public int CompleteLoad()
    {
        var children = _loading ?? throw new InvalidOperationException("No catalog load is under way.");
        _loading = null;
        _lastParent = null;
        RehashAll(children);
        var root = _directories[TreePaths.Root];
        if (root.Children.Count > 0)
        {
            root.CreatedAt = root.Children.Children.Min(c => c.Entry.CreatedAt);
            root.UpdatedAt = root.Children.Children.Max(c => c.Entry.UpdatedAt);
        }

        return _skipped;
    }

    private bool TryLoad(FileEntry entry, Dictionary<string, Dictionary<string, ChildEntry>> children)
    {
        if (entry.Kind == EntryKind.Directory)
        {
            var existed = _directories.TryGetValue(entry.Path, out var directory);
            if (LoadDirectory(entry.Path, entry, children) is null)
            {
                return false;
            }

            if (existed)
            {
                // Created earlier for a row below it: its own row's times are the directory's.
                directory!.CreatedAt = entry.CreatedAt;
                directory.UpdatedAt = entry.UpdatedAt;
                directory.Stamp = entry.Stamp;
            }

            return true;
        }

        if (entry.Kind is not (EntryKind.File or EntryKind.Symlink) || !IsLoadableHash(entry.Hash))
        {
            return false;
        }

        var slash = entry.Path.LastIndexOf('/');
        Dictionary<string, ChildEntry>? parent;
        if (_lastParent is { } last && (slash == 0 ? last.Path == TreePaths.Root : entry.Path.AsSpan(0, slash).SequenceEqual(last.Path)))
        {
            parent = last.Children;
        }
        else
        {
            var parentPath = slash == 0 ? TreePaths.Root : entry.Path[..slash];
            parent = LoadDirectory(parentPath, entry, children);
            _lastParent = parent is null ? null : (parentPath, parent);
        }

        return parent is not null && parent.TryAdd(entry.Path[(slash + 1)..], ChildEntry.From(entry));
    }

    /// <summary>The children of the directory at <paramref name="path"/>, created (with its ancestors) from <paramref name="source"/>'s times when missing; null under a file.</summary>
    private Dictionary<string, ChildEntry>? LoadDirectory(string path, FileEntry source, Dictionary<string, Dictionary<string, ChildEntry>> children)
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
        parent[name] = ChildEntry.From(directory.ToEntry());
        var own = new Dictionary<string, ChildEntry>(StringComparer.Ordinal);
        children[path] = own;
        return own;
    }

    /// <summary>Builds every directory's map deepest first, so each parent is built after its subdirectories' entries carry their hashes.</summary>
    private void RehashAll(Dictionary<string, Dictionary<string, ChildEntry>> children)
    {
        foreach (var directory in _directories.Values.OrderByDescending(d => TreePaths.Depth(d.Path)).ToList())
        {
            directory.Children = ChildMap.Create(children[directory.Path], _maxLeafChildren);
            children.Remove(directory.Path);
            directory.Hash = Convert.ToHexStringLower(directory.Children.ComputeHash(null));
            if (directory.Path == TreePaths.Root)
            {
                RootHash = directory.Hash;
            }
            else
            {
                children[TreePaths.Parent(directory.Path)][TreePaths.Name(directory.Path)] = ChildEntry.From(directory.ToEntry());
            }
        }
    }

    private static bool IsLoadableHash(string hash) => hash.Length == 64 && hash.All(char.IsAsciiHexDigit);
}
