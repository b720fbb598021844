using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Merkle;

/// <summary>
/// The in-memory HEAD of the tree: every directory by path with its children, and the Merkle root.
/// Changes go through a <see cref="TreeBatch"/> overlay and reach HEAD only through <see cref="Accept"/>,
/// so HEAD always equals what is durable. Not thread-safe: its owner (the tree grain) serializes access.
/// </summary>
internal sealed partial class TreeIndex
{
    private static readonly VersionStamp _zeroStamp = new(0, 0);

    private readonly Dictionary<string, TreeDirectory> _directories = new(StringComparer.Ordinal);
    private readonly int _maxLeafChildren;
    private long _version;

    /// <summary>An empty tree with the production leaf size K (<see cref="MerkleCodec.MaxLeafChildren"/>).</summary>
    public TreeIndex()
        : this(MerkleCodec.MaxLeafChildren)
    {
    }

    /// <summary>An empty tree whose directory leaf nodes hold at most <paramref name="maxLeafChildren"/> children (tests shrink K).</summary>
    public TreeIndex(int maxLeafChildren)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLeafChildren, 1);
        _maxLeafChildren = maxLeafChildren;
        Reset();
    }

    /// <summary>Lowercase hex id of the root directory node.</summary>
    public string RootHash { get; private set; } = string.Empty;

    /// <summary>Number of directories, the root included.</summary>
    public int DirectoryCount => _directories.Count;

    /// <summary>Starts a batch on the current HEAD; new directories and changed directories get <paramref name="stamp"/>'s time.</summary>
    public TreeBatch Begin(VersionStamp stamp) => new(_directories, stamp, _version, _maxLeafChildren);

    /// <summary>
    /// Starts a batch on HEAD as the built, not yet accepted <paramref name="below"/> will leave it; it can be accepted
    /// only after <paramref name="below"/> (<see cref="Accept"/> checks the order).
    /// </summary>
    public TreeBatch BeginAfter(TreeBatch below, VersionStamp stamp) => new(below.After, stamp, below.BaseVersion + 1, _maxLeafChildren);

    /// <summary>Makes a built batch HEAD. Call only once its commit is durable.</summary>
    public void Accept(TreeBatch batch)
    {
        if (batch.BaseVersion != _version)
        {
            throw new InvalidOperationException("The batch was started on an older HEAD.");
        }

        var rootHash = batch.RootHash;
        foreach (var (path, directory) in batch.Staged)
        {
            if (directory is null)
            {
                _directories.Remove(path);
            }
            else
            {
                _directories[path] = directory;
            }
        }

        RootHash = rootHash;
        _version++;
    }

    /// <summary>Applies one list of changes all or nothing and makes it HEAD at once (for callers with nothing to persist first).</summary>
    public TreeApplyResult Apply(IReadOnlyList<TreeChange> changes, VersionStamp stamp)
    {
        var batch = Begin(stamp);
        var result = batch.TryApply(changes);
        if (result.Status != CommitStatus.Ok)
        {
            return result;
        }

        var commit = batch.Build();
        Accept(batch);
        return result with { Commit = commit };
    }

    /// <summary>The entry at a path ("/" is the root directory); null when absent.</summary>
    public FileEntry? Get(string path)
    {
        if (path == TreePaths.Root)
        {
            return _directories[TreePaths.Root].ToEntry();
        }

        return _directories.TryGetValue(TreePaths.Parent(path), out var parent) && parent.Children.TryGetValue(TreePaths.Name(path), out var entry)
            ? entry.ToEntry(path)
            : null;
    }

    /// <summary>Children of a directory, and descendants down to <paramref name="depth"/> more levels (negative: all).</summary>
    public ListResult List(string path, int depth)
    {
        if (!_directories.TryGetValue(path, out var directory))
        {
            return new ListResult(Get(path) is not null, false, []);
        }

        var items = new List<FileEntry>();
        Collect(directory, depth, items);
        return new ListResult(true, true, items);
    }

    /// <summary>Every entry of HEAD except "/" (what the catalog holds).</summary>
    public IReadOnlyList<FileEntry> Entries()
    {
        var items = new List<FileEntry>();
        Collect(_directories[TreePaths.Root], -1, items);
        return items;
    }

    private void Collect(TreeDirectory directory, int depth, List<FileEntry> items)
    {
        foreach (var (name, entry) in directory.Children.Children)
        {
            var path = TreePaths.Combine(directory.Path, name);
            items.Add(entry.ToEntry(path));
            if (entry.Kind == EntryKind.Directory && depth != 0 && _directories.TryGetValue(path, out var child))
            {
                Collect(child, depth - 1, items);
            }
        }
    }

    private void Reset()
    {
        _directories.Clear();
        var root = new TreeDirectory(TreePaths.Root, 0, 0, _zeroStamp, _maxLeafChildren);
        root.Hash = Convert.ToHexStringLower(MerkleCodec.EmptyDirectoryId());
        _directories[TreePaths.Root] = root;
        RootHash = root.Hash;
        _version++;
    }
}
