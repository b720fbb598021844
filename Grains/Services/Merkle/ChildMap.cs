namespace AeorDb.Grains.Services.Merkle;

/// <summary>
/// The children of one in-memory directory by name: a persistent map (never mutated once built) laid
/// out exactly like the directory's Merkle nodes (<see cref="MerkleCodec"/>): a sorted leaf of at most K
/// entries, or 256 buckets by name hash. A change copies only the path from the top to its leaf (index
/// nodes of 256 references and one leaf of at most K entries) and shares the rest, so a batch's
/// copy-on-write and its undo cost O(K + depth), not O(children); every node caches its hash, so
/// re-hashing after a change encodes only the nodes the change created.
/// </summary>
internal sealed partial class ChildMap
{
    private static readonly LeafNode _emptyLeaf = new([]);

    private readonly Node _root;

    private ChildMap(Node root, int maxLeafChildren)
    {
        _root = root;
        MaxLeafChildren = maxLeafChildren;
    }

    /// <summary>K: the most children a leaf node holds.</summary>
    public int MaxLeafChildren { get; }

    public int Count => _root.Count;

    /// <summary>Every child with its name, in node order (by bucket, then by name), not in name order.</summary>
    public IEnumerable<(string Name, ChildEntry Entry)> Children => Items(_root).Select(static i => (i.Name, i.Entry));

    /// <summary>A map with no children.</summary>
    public static ChildMap Empty(int maxLeafChildren)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLeafChildren, 1);
        return new ChildMap(_emptyLeaf, maxLeafChildren);
    }

    /// <summary>Builds a map in one pass (catalog load): O(n log n), no per-entry copying.</summary>
    public static ChildMap Create(IEnumerable<KeyValuePair<string, ChildEntry>> entries, int maxLeafChildren)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLeafChildren, 1);
        var items = entries.Select(static e => new Item(e.Key, e.Value)).ToArray();
        if (MerkleCodec.IsLeaf(items.Length, 0, maxLeafChildren))
        {
            // Most directories: one leaf, no name hashes needed.
            Array.Sort(items, static (x, y) => string.CompareOrdinal(x.Name, y.Name));
            return new ChildMap(new LeafNode(items), maxLeafChildren);
        }

        var keyed = Array.ConvertAll(items, static i => new KeyedItem(i, MerkleCodec.NameHash(i.Name))).ToList();
        return new ChildMap(Build(keyed, 0, maxLeafChildren), maxLeafChildren);
    }

    public bool ContainsKey(string name) => TryGetValue(name, out _);

    public bool TryGetValue(string name, out ChildEntry entry)
    {
        byte[]? key = null;
        var node = _root;
        for (var depth = 0; node is IndexNode index; depth++)
        {
            key ??= MerkleCodec.NameHash(name);
            node = index.Buckets[key[depth]];
            if (node is null)
            {
                entry = default;
                return false;
            }
        }

        var leaf = (LeafNode)node;
        var at = leaf.IndexOf(name);
        entry = at >= 0 ? leaf.Items[at].Entry : default;
        return at >= 0;
    }

    /// <summary>The map with <paramref name="name"/> set to <paramref name="entry"/>; this same map when nothing changes.</summary>
    public ChildMap SetItem(string name, in ChildEntry entry)
    {
        byte[]? key = null;
        var root = Set(_root, 0, name, ref key, entry);
        return ReferenceEquals(root, _root) ? this : new ChildMap(root, MaxLeafChildren);
    }

    /// <summary>The map without <paramref name="name"/>; this same map when it was absent.</summary>
    public ChildMap Remove(string name)
    {
        byte[]? key = null;
        var root = Remove(_root, 0, name, ref key);
        return ReferenceEquals(root, _root) ? this : new ChildMap(root, MaxLeafChildren);
    }

    private Node Set(Node node, int depth, string name, ref byte[]? key, ChildEntry entry)
    {
        if (node is LeafNode leaf)
        {
            var at = leaf.IndexOf(name);
            if (at >= 0)
            {
                return leaf.Items[at].Entry == entry ? leaf : leaf.Replace(at, new Item(name, entry));
            }

            var grown = leaf.Insert(~at, new Item(name, entry));
            return MerkleCodec.IsLeaf(grown.Count, depth, MaxLeafChildren)
                ? grown
                : Build(grown.Items.Select(static i => new KeyedItem(i, MerkleCodec.NameHash(i.Name))).ToList(), depth, MaxLeafChildren);
        }

        var index = (IndexNode)node;
        key ??= MerkleCodec.NameHash(name);
        var bucket = key[depth];
        var child = index.Buckets[bucket];
        var updated = child is null ? new LeafNode([new Item(name, entry)]) : Set(child, depth + 1, name, ref key, entry);
        return ReferenceEquals(updated, child) ? index : index.With(bucket, updated);
    }

    private Node Remove(Node node, int depth, string name, ref byte[]? key)
    {
        if (node is LeafNode leaf)
        {
            var at = leaf.IndexOf(name);
            return at < 0 ? leaf : leaf.RemoveAt(at);
        }

        var index = (IndexNode)node;
        key ??= MerkleCodec.NameHash(name);
        var bucket = key[depth];
        var child = index.Buckets[bucket];
        if (child is null)
        {
            return index;
        }

        var updated = Remove(child, depth + 1, name, ref key);
        if (ReferenceEquals(updated, child))
        {
            return index;
        }

        var shrunk = index.With(bucket, updated.Count == 0 ? null : updated);
        if (!MerkleCodec.IsLeaf(shrunk.Count, depth, MaxLeafChildren))
        {
            return shrunk;
        }

        // Back to at most K children: the canonical shape is one leaf again (O(K) to gather).
        var items = Items(shrunk).ToArray();
        Array.Sort(items, static (x, y) => string.CompareOrdinal(x.Name, y.Name));
        return new LeafNode(items);
    }
}
