using System.Buffers.Binary;
using System.Text;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;

namespace AeorDb.Grains.Services.Merkle;

/// <summary>
/// Index nodes. A directory (or bucket) with more than K children at depth d is split into up to 256
/// buckets by byte d of BLAKE3(UTF-8 name); each non-empty bucket is encoded the same way at depth d + 1
/// (a leaf when it holds at most K children). The shape depends only on the set of children, never on
/// the order they arrived in, so the top node's id — the directory's hash — stays deterministic.
/// Layout: 2, depth (1 byte), bucket count (u16 LE), then per bucket by ascending key: key (1 byte),
/// node id (32 bytes), child count (i32 LE). The id is BLAKE3("dirb:" ‖ encoding).
/// </summary>
internal static partial class MerkleCodec
{
    internal const byte IndexFormat = 2;
    internal const int IndexHeaderLength = 1 + 1 + 2;
    internal const int BucketLength = 1 + ContentHasher.HashLength + 4;

    /// <summary>True when <paramref name="count"/> children at <paramref name="depth"/> form a leaf; past the last hash byte everything is a leaf.</summary>
    public static bool IsLeaf(int count, int depth, int maxLeafChildren) => count <= maxLeafChildren || depth >= ContentHasher.HashLength;

    /// <summary>True when the encoding is an index node.</summary>
    public static bool IsIndex(ReadOnlySpan<byte> encoded) => encoded.Length > 0 && encoded[0] == IndexFormat;

    /// <summary>BLAKE3 of the UTF-8 name: byte d picks the child's bucket at depth d.</summary>
    public static byte[] NameHash(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        var hash = new byte[ContentHasher.HashLength];
        Blake3.Hasher.Hash(bytes).AsSpan().CopyTo(hash);
        return hash;
    }

    /// <summary>Encodes an index node; <paramref name="buckets"/> must be non-empty with distinct keys (any order).</summary>
    public static byte[] EncodeIndex(int depth, IReadOnlyList<MerkleBucket> buckets)
    {
        var sorted = buckets.OrderBy(b => b.Key).ToArray();
        var buffer = new byte[IndexHeaderLength + (sorted.Length * BucketLength)];
        var span = buffer.AsSpan();
        span[0] = IndexFormat;
        span[1] = checked((byte)depth);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], checked((ushort)sorted.Length));
        var offset = IndexHeaderLength;
        foreach (var bucket in sorted)
        {
            span[offset] = bucket.Key;
            bucket.Hash.CopyTo(span[(offset + 1)..]);
            BinaryPrimitives.WriteInt32LittleEndian(span[(offset + 1 + ContentHasher.HashLength)..], bucket.Count);
            offset += BucketLength;
        }

        return buffer;
    }

    /// <summary>Decodes a leaf or an index node.</summary>
    public static MerkleNode DecodeNode(ReadOnlySpan<byte> data)
    {
        if (!IsIndex(data))
        {
            return new MerkleNode(false, 0, DecodeDirectory(data), []);
        }

        if (data.Length < IndexHeaderLength)
        {
            throw new FormatException("Truncated directory index node.");
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(data[2..]);
        if (data.Length != IndexHeaderLength + (count * BucketLength))
        {
            throw new FormatException("Malformed directory index node.");
        }

        var buckets = new MerkleBucket[count];
        for (var i = 0; i < count; i++)
        {
            var entry = data.Slice(IndexHeaderLength + (i * BucketLength), BucketLength);
            var hash = entry.Slice(1, ContentHasher.HashLength).ToArray();
            buckets[i] = new MerkleBucket(entry[0], hash, BinaryPrimitives.ReadInt32LittleEndian(entry[(1 + ContentHasher.HashLength)..]));
        }

        return new MerkleNode(true, data[1], [], buckets);
    }

    /// <summary>
    /// Encodes a whole directory in its canonical shape from scratch (the reference the incremental
    /// in-memory tree must match). Every node is added to <paramref name="nodes"/>; returns the top node's id.
    /// </summary>
    public static byte[] EncodeFanout(IReadOnlyList<DirectoryChild> children, int maxLeafChildren, ICollection<(byte[] Hash, byte[] Encoded)> nodes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLeafChildren, 1);
        var keyed = children.Select(c => (Child: c, Key: NameHash(c.Name))).ToList();
        return EncodeFanout(keyed, 0, maxLeafChildren, nodes);
    }

    private static byte[] EncodeFanout(List<(DirectoryChild Child, byte[] Key)> children, int depth, int maxLeafChildren, ICollection<(byte[] Hash, byte[] Encoded)> nodes)
    {
        byte[] encoded;
        if (IsLeaf(children.Count, depth, maxLeafChildren))
        {
            encoded = EncodeDirectory(children.ConvertAll(c => c.Child));
        }
        else
        {
            var buckets = children
                .GroupBy(c => c.Key[depth])
                .Select(g => new MerkleBucket(g.Key, EncodeFanout(g.ToList(), depth + 1, maxLeafChildren, nodes), g.Count()))
                .ToList();
            encoded = EncodeIndex(depth, buckets);
        }

        var hash = DirectoryId(encoded);
        nodes.Add((hash, encoded));
        return hash;
    }
}
