using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;
using AeorDb.Grains.Services.Storage;

namespace AeorDb.Grains.Services.Merkle;

internal sealed partial class TreeBatch
{
    private TreeCommit? _commit;

    /// <summary>The root hash of the built commit.</summary>
    public string RootHash => _commit?.RootHash ?? throw new InvalidOperationException("The batch has not been built.");

    /// <summary>The directories as this built batch leaves them (see <see cref="TreeIndex.BeginAfter"/>).</summary>
    public IReadOnlyDictionary<string, TreeDirectory> After =>
        _commit is null ? throw new InvalidOperationException("The batch has not been built.") : new StagedDirectories(_staged, _base);

    /// <summary>
    /// Re-hashes every changed directory bottom-up and returns what to write: the new directory nodes (for a
    /// large directory only the buckets on each change's path, see <see cref="ChildMap"/>) and
    /// symlink records, the catalog rows that changed and the new root. No more calls may be applied after.
    /// </summary>
    public TreeCommit Build()
    {
        if (_commit is not null)
        {
            return _commit;
        }

        var objects = new Dictionary<string, NewObject>(StringComparer.Ordinal);
        var rootHash = Rehash(objects);
        var (upserts, deletes) = DiffCatalog();
        foreach (var entry in upserts.Where(e => e.Kind == EntryKind.Symlink))
        {
            objects.TryAdd(entry.Hash, new NewObject(Convert.FromHexString(entry.Hash), ObjectKind.Symlink, TreePaths.IsSystem(entry.Path), ContentHasher.EncodeSymlink(entry.Target!)));
        }

        // Every path whose last change in the batch was a deletion (a put clears the record).
        var tombstones = _tombstones.Values.OrderBy(t => t.Path, StringComparer.Ordinal).ToList();
        _commit = new TreeCommit([.. objects.Values], upserts, deletes, rootHash, _stamp.VirtualTime) { Tombstones = tombstones };
        return _commit;
    }

    private string Rehash(Dictionary<string, NewObject> objects)
    {
        var dirty = new HashSet<string>(StringComparer.Ordinal) { TreePaths.Root };
        foreach (var path in _staged.Keys)
        {
            if (dirty.Add(path))
            {
                foreach (var ancestor in TreePaths.Ancestors(path))
                {
                    if (!dirty.Add(ancestor))
                    {
                        break;
                    }
                }
            }
        }

        var rootHash = string.Empty;
        foreach (var path in dirty.OrderByDescending(TreePaths.Depth))
        {
            if (Find(path) is null)
            {
                continue;
            }

            var directory = Edit(path);
            var created = new List<(byte[] Hash, byte[] Encoded)>();
            var hash = Convert.ToHexStringLower(directory.Children.ComputeHash(created));
            if (hash != _base.GetValueOrDefault(path)?.Hash)
            {
                directory.UpdatedAt = Math.Max(directory.UpdatedAt, _stamp.VirtualTime);
                directory.Stamp = _stamp;
                var system = TreePaths.IsSystem(path);
                foreach (var (nodeHash, encoded) in created)
                {
                    objects.TryAdd(Convert.ToHexStringLower(nodeHash), new NewObject(nodeHash, ObjectKind.Directory, system, encoded));
                }
            }

            directory.Hash = hash;
            if (path == TreePaths.Root)
            {
                rootHash = hash;
            }
            else
            {
                var parent = Edit(TreePaths.Parent(path));
                parent.Children = parent.Children.SetItem(TreePaths.Name(path), ChildEntry.From(directory.ToEntry()));
            }
        }

        _undo.Clear();
        return rootHash;
    }

    /// <summary>Catalog rows to write: compares each changed directory's children with HEAD's, skipping shared buckets.</summary>
    private (List<FileEntry> Upserts, List<string> Deletes) DiffCatalog()
    {
        var upserts = new List<FileEntry>();
        var deletes = new SortedSet<string>(StringComparer.Ordinal);
        var empty = ChildMap.Empty(_maxLeafChildren);
        foreach (var (path, directory) in _staged)
        {
            var before = _base.GetValueOrDefault(path)?.Children ?? empty;
            ChildMap.Changes(before, directory?.Children ?? empty, (name, _, now) =>
            {
                if (now is null)
                {
                    deletes.Add(TreePaths.Combine(path, name));
                }
                else
                {
                    upserts.Add(now.Value.ToEntry(TreePaths.Combine(path, name)));
                }
            });
        }

        upserts.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return (upserts, [.. deletes]);
    }

    private void EnsureOpen()
    {
        if (_commit is not null)
        {
            throw new InvalidOperationException("The batch has been built; start a new one.");
        }
    }
}
