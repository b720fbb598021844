using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;
using AeorDb.Grains.Services.Storage;

namespace AeorDb.Grains.Services.Merkle;

internal sealed partial class TreeBatch
{
    private TreeCommit? _commit;

    /// <summary>The root hash of the built commit.</summary>
    public string RootHash => _commit?.RootHash ?? throw new InvalidOperationException("The batch has not been built.");

    /// <summary>
    /// Re-hashes every changed directory bottom-up and returns what to write: the new directory nodes and
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

        _commit = new TreeCommit([.. objects.Values], upserts, deletes, rootHash, _stamp.VirtualTime);
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
            var encoded = Encode(directory);
            var hash = Convert.ToHexStringLower(MerkleCodec.DirectoryId(encoded));
            if (hash != _base.GetValueOrDefault(path)?.Hash)
            {
                directory.UpdatedAt = Math.Max(directory.UpdatedAt, _stamp.VirtualTime);
                directory.Stamp = _stamp;
                objects.TryAdd(hash, new NewObject(Convert.FromHexString(hash), ObjectKind.Directory, TreePaths.IsSystem(path), encoded));
            }

            directory.Hash = hash;
            if (path == TreePaths.Root)
            {
                rootHash = hash;
            }
            else
            {
                Edit(TreePaths.Parent(path)).Children[TreePaths.Name(path)] = directory.ToEntry();
            }
        }

        _undo.Clear();
        return rootHash;
    }

    private (List<FileEntry> Upserts, List<string> Deletes) DiffCatalog()
    {
        var upserts = new List<FileEntry>();
        var deletes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, directory) in _staged)
        {
            var before = _base.GetValueOrDefault(path);
            foreach (var (name, entry) in directory?.Children ?? [])
            {
                if (before is null || !before.Children.TryGetValue(name, out var old) || old != entry)
                {
                    upserts.Add(entry);
                }
            }

            foreach (var name in before?.Children.Keys ?? Enumerable.Empty<string>())
            {
                if (directory is null || !directory.Children.ContainsKey(name))
                {
                    deletes.Add(TreePaths.Combine(path, name));
                }
            }
        }

        upserts.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return (upserts, [.. deletes]);
    }

    /// <summary>The Merkle node of a directory: each child's name, kind and 32-byte id.</summary>
    public static byte[] Encode(TreeDirectory directory)
    {
        var children = new List<DirectoryChild>(directory.Children.Count);
        foreach (var (name, entry) in directory.Children)
        {
            children.Add(new DirectoryChild(name, entry.Kind, Convert.FromHexString(entry.Hash)));
        }

        return MerkleCodec.EncodeDirectory(children);
    }

    private void EnsureOpen()
    {
        if (_commit is not null)
        {
            throw new InvalidOperationException("The batch has been built; start a new one.");
        }
    }
}
