namespace AeorDb.Grains.Services.Merkle;

internal sealed partial class ChildMap
{
    /// <summary>
    /// The directory's id (its top node's). Only nodes without a cached hash are encoded — after one
    /// change, the nodes on that change's path — and each is added to <paramref name="created"/>.
    /// </summary>
    public byte[] ComputeHash(ICollection<(byte[] Hash, byte[] Encoded)>? created) => HashOf(_root, 0, created);

    /// <summary>
    /// Every name whose entry differs between two maps, with its entry before and after (null: absent).
    /// Shared nodes are skipped unvisited, so the cost follows the change (plus O(K) per changed leaf).
    /// </summary>
    public static void Changes(ChildMap before, ChildMap after, Action<string, ChildEntry?, ChildEntry?> changed) =>
        Compare(before._root, after._root, changed);

    private static byte[] HashOf(Node node, int depth, ICollection<(byte[] Hash, byte[] Encoded)>? created)
    {
        if (node.Hash is { } cached)
        {
            return cached;
        }

        byte[] encoded;
        if (node is LeafNode leaf)
        {
            var children = new DirectoryChild[leaf.Items.Length];
            for (var i = 0; i < children.Length; i++)
            {
                var entry = leaf.Items[i].Entry;
                children[i] = new DirectoryChild(leaf.Items[i].Name, entry.Kind, entry.HashBytes());
            }

            encoded = MerkleCodec.EncodeDirectory(children);
        }
        else
        {
            var index = (IndexNode)node;
            var buckets = new List<MerkleBucket>();
            for (var i = 0; i < index.Buckets.Length; i++)
            {
                if (index.Buckets[i] is { } child)
                {
                    buckets.Add(new MerkleBucket((byte)i, HashOf(child, depth + 1, created), child.Count));
                }
            }

            encoded = MerkleCodec.EncodeIndex(depth, buckets);
        }

        var hash = MerkleCodec.DirectoryId(encoded);
        node.Hash = hash;
        created?.Add((hash, encoded));
        return hash;
    }

    private static void Compare(Node? before, Node? after, Action<string, ChildEntry?, ChildEntry?> changed)
    {
        if (ReferenceEquals(before, after))
        {
            return;
        }

        if (before is IndexNode oldIndex && after is IndexNode newIndex)
        {
            for (var i = 0; i < oldIndex.Buckets.Length; i++)
            {
                Compare(oldIndex.Buckets[i], newIndex.Buckets[i], changed);
            }

            return;
        }

        // Different shapes (or leaves): merge both sides' items by name.
        var oldItems = Sorted(before);
        var newItems = Sorted(after);
        int i0 = 0, j = 0;
        while (i0 < oldItems.Length || j < newItems.Length)
        {
            var order = i0 == oldItems.Length ? 1
                : j == newItems.Length ? -1
                : string.CompareOrdinal(oldItems[i0].Name, newItems[j].Name);
            if (order < 0)
            {
                changed(oldItems[i0].Name, oldItems[i0++].Entry, null);
            }
            else if (order > 0)
            {
                changed(newItems[j].Name, null, newItems[j++].Entry);
            }
            else
            {
                if (oldItems[i0].Entry != newItems[j].Entry)
                {
                    changed(newItems[j].Name, oldItems[i0].Entry, newItems[j].Entry);
                }

                i0++;
                j++;
            }
        }
    }

    private static Item[] Sorted(Node? node)
    {
        if (node is LeafNode leaf)
        {
            return leaf.Items;
        }

        var items = Items(node).ToArray();
        Array.Sort(items, static (x, y) => string.CompareOrdinal(x.Name, y.Name));
        return items;
    }
}
