using System.Buffers.Binary;
using System.Text;
using AeorDb.Grains.Services.Hashing;

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

        var encoded = node is LeafNode leaf ? EncodeLeaf(leaf.Items) : EncodeIndex((IndexNode)node, depth, created);
        var hash = MerkleCodec.DirectoryId(encoded);
        node.Hash = hash;
        created?.Add((hash, encoded));
        return hash;
    }

    /// <summary>
    /// <see cref="MerkleCodec.EncodeDirectory"/> of a leaf, written straight from its items: they are in ordinal name
    /// order already and carry their ids inline, so no child record, id array or sort is made per child.
    /// </summary>
    private static byte[] EncodeLeaf(Item[] items)
    {
        var length = MerkleCodec.LeafHeaderLength;
        foreach (var item in items)
        {
            length += MerkleCodec.LeafChildOverhead + Encoding.UTF8.GetByteCount(item.Name);
        }

        var buffer = new byte[length];
        var span = buffer.AsSpan();
        span[0] = MerkleCodec.LeafFormat;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], items.Length);
        var offset = MerkleCodec.LeafHeaderLength;
        foreach (var item in items)
        {
            span[offset++] = (byte)item.Entry.Kind;
            var nameLength = Encoding.UTF8.GetBytes(item.Name, span[(offset + 2)..]);
            BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], checked((ushort)nameLength));
            offset += 2 + nameLength;
            item.Entry.WriteHash(span.Slice(offset, ContentHasher.HashLength));
            offset += ContentHasher.HashLength;
        }

        return buffer;
    }

    /// <summary><see cref="MerkleCodec.EncodeIndex"/> of an index node, its buckets walked in key order (the encoding's order).</summary>
    private static byte[] EncodeIndex(IndexNode index, int depth, ICollection<(byte[] Hash, byte[] Encoded)>? created)
    {
        var count = 0;
        foreach (var bucket in index.Buckets)
        {
            count += bucket is null ? 0 : 1;
        }

        var buffer = new byte[MerkleCodec.IndexHeaderLength + (count * MerkleCodec.BucketLength)];
        var span = buffer.AsSpan();
        span[0] = MerkleCodec.IndexFormat;
        span[1] = checked((byte)depth);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], checked((ushort)count));
        var offset = MerkleCodec.IndexHeaderLength;
        for (var key = 0; key < index.Buckets.Length; key++)
        {
            if (index.Buckets[key] is not { } child)
            {
                continue;
            }

            span[offset] = (byte)key;
            HashOf(child, depth + 1, created).CopyTo(span[(offset + 1)..]);
            BinaryPrimitives.WriteInt32LittleEndian(span[(offset + 1 + ContentHasher.HashLength)..], child.Count);
            offset += MerkleCodec.BucketLength;
        }

        return buffer;
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
