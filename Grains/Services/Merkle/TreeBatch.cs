using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;
using AeorDb.Grains.Services.Storage;

namespace AeorDb.Grains.Services.Merkle;

/// <summary>
/// A copy-on-write overlay on <see cref="TreeIndex"/> that collects the changes of one group commit.
/// Each <see cref="TryApply"/> is all or nothing (an undo log rolls a failed call back) and sees the
/// calls applied before it; HEAD itself is untouched until <see cref="TreeIndex.Accept"/>, which the
/// owner calls only once the commit built by <see cref="Build"/> is durable.
/// </summary>
internal sealed partial class TreeBatch
{
    private readonly IReadOnlyDictionary<string, TreeDirectory> _base;
    private readonly Dictionary<string, TreeDirectory?> _staged = new(StringComparer.Ordinal);
    private readonly List<Action> _undo = [];
    private readonly Dictionary<string, FileEntry> _tombstones = new(StringComparer.Ordinal);
    /// <summary>The stamp of the call being applied (directories it creates, deletion records, stamp-on-apply entries).</summary>
    private VersionStamp _stamp;
    private readonly int _maxLeafChildren;

    /// <summary>The created_at a keep-created change of the call being applied kept (see <see cref="TreeChange.KeepCreatedAt"/>).</summary>
    private long? _keptCreatedAt;

    /// <summary>The entry the last put of the call being applied wrote.</summary>
    private FileEntry? _written;

    public TreeBatch(IReadOnlyDictionary<string, TreeDirectory> baseDirectories, VersionStamp stamp, long baseVersion, int maxLeafChildren)
    {
        _base = baseDirectories;
        _stamp = stamp;
        BaseVersion = baseVersion;
        _maxLeafChildren = maxLeafChildren;
    }

    /// <summary>The <see cref="TreeIndex"/> version this batch was started from.</summary>
    public long BaseVersion { get; }

    /// <summary>True once at least one call has been applied.</summary>
    public bool HasChanges => _staged.Count > 0;

    /// <summary>Directories changed by this batch (null: removed).</summary>
    public IReadOnlyDictionary<string, TreeDirectory?> Staged => _staged;

    /// <summary>The newest stamp any call of the batch was applied with (the commit's time).</summary>
    public VersionStamp Stamp => _stamp;

    /// <summary>Applies one call's changes in order, or none of them, with the batch's current stamp.</summary>
    public TreeApplyResult TryApply(IReadOnlyList<TreeChange> changes) => TryApply(changes, _stamp);

    /// <summary>
    /// Applies one call's changes in order, or none of them, stamped <paramref name="stamp"/> (a stamp later than
    /// every earlier call's): what the call creates and every <see cref="TreeChange.StampOnApply"/> entry carry it.
    /// </summary>
    public TreeApplyResult TryApply(IReadOnlyList<TreeChange> changes, VersionStamp stamp)
    {
        EnsureOpen();
        _stamp = stamp;
        _undo.Clear();
        _keptCreatedAt = null;
        _written = null;
        try
        {
            foreach (var change in changes)
            {
                var result = ApplyOne(change);
                if (result.Status != CommitStatus.Ok)
                {
                    Rollback();
                    return result;
                }
            }
        }
        catch
        {
            Rollback();
            throw;
        }

        _undo.Clear();
        return _keptCreatedAt is null && _written is null ? TreeApplyResult.Ok : TreeApplyResult.Ok with { KeptCreatedAt = _keptCreatedAt, Written = _written };
    }

    private void Rollback()
    {
        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            _undo[i]();
        }

        _undo.Clear();
    }

    private TreeApplyResult ApplyOne(TreeChange change)
    {
        var path = change.Path;
        if (!TreePaths.IsCanonical(path) || path == TreePaths.Root)
        {
            return TreeApplyResult.Fail(CommitStatus.Invalid, path);
        }

        if (change.ExpectedHash is { } expected && !Holds(path, expected))
        {
            return TreeApplyResult.Fail(CommitStatus.Stale, path);
        }

        if (change.Entry is null)
        {
            return Delete(path, change.Tombstone);
        }

        var entry = change.StampOnApply
            ? change.Entry with { Stamp = _stamp, UpdatedAt = _stamp.VirtualTime, CreatedAt = change.Entry.CreatedAt == 0 ? _stamp.VirtualTime : change.Entry.CreatedAt }
            : change.Entry;
        return Put(path, entry, change.KeepCreatedAt);
    }

    /// <summary>True when the path holds a file or symlink with id <paramref name="hash"/>, or (empty hash) nothing at all.</summary>
    private bool Holds(string path, string hash)
    {
        ChildEntry existing = default;
        var found = Find(TreePaths.Parent(path))?.Children.TryGetValue(TreePaths.Name(path), out existing) == true;
        return hash.Length == 0
            ? !found
            : found && existing.Kind != EntryKind.Directory && existing.HasHash(hash);
    }

    private TreeApplyResult Put(string path, FileEntry entry, bool keepCreatedAt)
    {
        var parentPath = TreePaths.Parent(path);
        if (!EnsureDirectory(parentPath))
        {
            return TreeApplyResult.Fail(CommitStatus.PathConflict, path);
        }

        var name = TreePaths.Name(path);
        var found = Find(parentPath)!.Children.TryGetValue(name, out var existing);
        SetTombstone(path, null);
        if (entry.Kind == EntryKind.Directory)
        {
            if (!found)
            {
                CreateDirectory(path);
                return TreeApplyResult.Ok;
            }

            return existing.Kind == EntryKind.Directory ? TreeApplyResult.Ok : TreeApplyResult.Fail(CommitStatus.PathConflict, path);
        }

        if (found && existing.Kind == EntryKind.Directory)
        {
            return TreeApplyResult.Fail(CommitStatus.PathConflict, path);
        }

        if (keepCreatedAt && found && existing.Kind == entry.Kind)
        {
            entry = entry with { CreatedAt = existing.CreatedAt };
            _keptCreatedAt = existing.CreatedAt;
        }

        var normalized = Normalize(path, entry);
        if (normalized is null)
        {
            return TreeApplyResult.Fail(CommitStatus.Invalid, path);
        }

        SetChild(Edit(parentPath), name, ChildEntry.From(normalized));
        _written = normalized;
        return TreeApplyResult.Ok;
    }

    private TreeApplyResult Delete(string path, FileEntry? tombstone)
    {
        var parentPath = TreePaths.Parent(path);
        var name = TreePaths.Name(path);
        var parent = Find(parentPath);
        if (parent is null || !parent.Children.TryGetValue(name, out var existing))
        {
            // Nothing to delete, but a given deletion record still replaces the path's current one (a pull adopting
            // the later of two deletions of one path, so both nodes' histories agree).
            if (DeletionRecord(path, tombstone, null) is { } record)
            {
                SetTombstone(path, record);
                return TreeApplyResult.Ok;
            }

            return TreeApplyResult.Fail(CommitStatus.NotFound, path);
        }

        if (existing.Kind == EntryKind.Directory)
        {
            var count = Find(path)?.Children.Count ?? 0;
            if (count > 0)
            {
                return TreeApplyResult.Fail(CommitStatus.DirectoryNotEmpty, path, count);
            }

            SetSlot(path, null);
        }
        else
        {
            SetTombstone(path, DeletionRecord(path, tombstone, existing)!);
        }

        RemoveChild(Edit(parentPath), name);
        return TreeApplyResult.Ok;
    }

    /// <summary>Makes <paramref name="path"/> a directory, creating missing ancestors; false when a component is a file or symlink.</summary>
    private bool EnsureDirectory(string path)
    {
        if (Find(path) is not null)
        {
            return true;
        }

        var parentPath = TreePaths.Parent(path);
        if (!EnsureDirectory(parentPath))
        {
            return false;
        }

        if (Find(parentPath)!.Children.TryGetValue(TreePaths.Name(path), out var existing) && existing.Kind != EntryKind.Directory)
        {
            return false;
        }

        CreateDirectory(path);
        return true;
    }

    private void CreateDirectory(string path)
    {
        var directory = new TreeDirectory(path, _stamp.VirtualTime, _stamp.VirtualTime, _stamp, _maxLeafChildren);
        SetSlot(path, directory);
        SetChild(Edit(TreePaths.Parent(path)), TreePaths.Name(path), ChildEntry.From(directory.ToEntry()));
    }

    /// <summary>The entry as the tree stores it, or null when it is malformed.</summary>
    private static FileEntry? Normalize(string path, FileEntry entry)
    {
        switch (entry.Kind)
        {
            case EntryKind.File:
                if (entry.Size < 0 || !ObjectBytes.IsHash(entry.Hash))
                {
                    return null;
                }

                return entry with { Path = path, Hash = entry.Hash.ToLowerInvariant(), Target = null };
            case EntryKind.Symlink:
                if (string.IsNullOrEmpty(entry.Target))
                {
                    return null;
                }

                var hash = SymlinkHash(entry.Target);
                if (!string.IsNullOrEmpty(entry.Hash) && !string.Equals(entry.Hash, hash, StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                return entry with { Path = path, Hash = hash, Size = 0, ContentType = null };
            default:
                return null;
        }
    }

    /// <summary>The id of a symlink record: hex of BLAKE3("link:" ‖ UTF-8 target).</summary>
    public static string SymlinkHash(string target) => Convert.ToHexStringLower(ContentHasher.SymlinkId(ContentHasher.EncodeSymlink(target)));

    private TreeDirectory? Find(string path) =>
        _staged.TryGetValue(path, out var staged) ? staged : _base.GetValueOrDefault(path);

    /// <summary>The batch's own copy of an existing directory, cloned from HEAD on first change.</summary>
    private TreeDirectory Edit(string path)
    {
        if (_staged.TryGetValue(path, out var staged) && staged is not null)
        {
            return staged;
        }

        var clone = _base[path].Clone();
        SetSlot(path, clone);
        return clone;
    }

    private void SetSlot(string path, TreeDirectory? directory)
    {
        var had = _staged.TryGetValue(path, out var previous);
        _undo.Add(had ? () => _staged[path] = previous : () => _staged.Remove(path));
        _staged[path] = directory;
    }

    /// <summary>
    /// The deletion record to keep for <paramref name="path"/>: the given one in its stored form, or one made from the
    /// deleted entry with the batch's stamp. A given record naming no valid version falls back to the deleted entry's
    /// id; null when there is neither.
    /// </summary>
    private FileEntry? DeletionRecord(string path, FileEntry? given, ChildEntry? deleted)
    {
        var hash = ObjectBytes.IsHash(given?.Hash) ? given.Hash.ToLowerInvariant() : deleted?.Hash;
        if (hash is null)
        {
            return null;
        }

        return given is null
            ? new FileEntry(path, EntryKind.Deletion, hash, 0, null, null, deleted!.Value.CreatedAt, _stamp.VirtualTime, _stamp)
            : given with { Path = path, Kind = EntryKind.Deletion, Hash = hash, Size = 0, ContentType = null, Target = null };
    }

    /// <summary>Records (or with null, clears) the deletion record of a path, undoably.</summary>
    private void SetTombstone(string path, FileEntry? tombstone)
    {
        var had = _tombstones.TryGetValue(path, out var previous);
        if (!had && tombstone is null)
        {
            return;
        }

        _undo.Add(had ? () => _tombstones[path] = previous! : () => _tombstones.Remove(path));
        if (tombstone is null)
        {
            _tombstones.Remove(path);
        }
        else
        {
            _tombstones[path] = tombstone;
        }
    }

    private void SetChild(TreeDirectory directory, string name, in ChildEntry entry)
    {
        RecordChildren(directory);
        directory.Children = directory.Children.SetItem(name, entry);
    }

    private void RemoveChild(TreeDirectory directory, string name)
    {
        RecordChildren(directory);
        directory.Children = directory.Children.Remove(name);
    }

    /// <summary>Undo restores the previous map: it is persistent, so keeping it costs nothing.</summary>
    private void RecordChildren(TreeDirectory directory)
    {
        var previous = directory.Children;
        _undo.Add(() => directory.Children = previous);
    }
}
