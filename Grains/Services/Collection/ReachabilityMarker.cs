using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;
using AeorDb.Grains.Services.Merkle;

namespace AeorDb.Grains.Services.Collection;

/// <summary>
/// The mark phase of a collection: every object reachable from the given roots and entries. A directory node is read
/// and decoded (index buckets and children), a file version record is read for its chunk list, chunks and symlink records
/// are marked without reading them. An object already marked is not followed again, so trees sharing subtrees (past
/// roots) cost only what differs. Backend-neutral: the store passes a reader over its snapshot.
/// </summary>
/// <param name="read">The bytes of a directory node or file version record on the collection's snapshot; null when absent.</param>
internal sealed class ReachabilityMarker(Func<byte[], byte[]?> read)
{
    private readonly Stack<(byte[] Hash, ObjectKind Kind)> _work = new();

    /// <summary>Every object marked so far.</summary>
    public HashSet<ObjectKey> Marked { get; } = [];

    /// <summary>Marks the tree whose top directory node is <paramref name="rootHash"/>.</summary>
    public void MarkTree(byte[] rootHash) => Mark(rootHash, ObjectKind.Directory);

    /// <summary>Marks one tree entry's object (a file version with its chunks, a symlink record, or a directory's tree).</summary>
    public void MarkEntry(EntryKind kind, byte[] hash)
    {
        switch (kind)
        {
            case EntryKind.File:
                Mark(hash, ObjectKind.FileVersion);
                break;
            case EntryKind.Symlink:
                Mark(hash, ObjectKind.Symlink);
                break;
            case EntryKind.Directory:
                Mark(hash, ObjectKind.Directory);
                break;
        }
    }

    /// <summary>Marks <paramref name="hash"/> as an object of <paramref name="kind"/> and everything it references.</summary>
    public void Mark(byte[] hash, ObjectKind kind)
    {
        _work.Push((hash, kind));
        while (_work.TryPop(out var item))
        {
            if (!Marked.Add(ObjectKey.From(item.Hash)))
            {
                continue;
            }

            switch (item.Kind)
            {
                case ObjectKind.Directory:
                    FollowDirectory(item.Hash);
                    break;
                case ObjectKind.FileVersion:
                    FollowVersion(item.Hash);
                    break;
            }
        }
    }

    private void FollowDirectory(byte[] hash)
    {
        if (read(hash) is not { } data)
        {
            return;
        }

        var node = MerkleCodec.DecodeNode(data);
        foreach (var bucket in node.Buckets)
        {
            _work.Push((bucket.Hash, ObjectKind.Directory));
        }

        foreach (var child in node.Children)
        {
            var kind = child.Kind switch
            {
                EntryKind.File => ObjectKind.FileVersion,
                EntryKind.Symlink => ObjectKind.Symlink,
                _ => ObjectKind.Directory,
            };
            _work.Push((child.Hash, kind));
        }
    }

    private void FollowVersion(byte[] hash)
    {
        if (read(hash) is not { } data)
        {
            return;
        }

        var version = ContentHasher.DecodeFileVersion(Convert.ToHexStringLower(hash), data, system: false);
        foreach (var chunk in version.ChunkHashes)
        {
            if (ObjectKey.TryParse(chunk, out var key))
            {
                Marked.Add(key);
            }
        }
    }
}
