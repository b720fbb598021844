using System.Buffers.Binary;
using System.Text;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;

namespace AeorDb.Grains.Services.Merkle;

/// <summary>
/// Encoding of Merkle directory nodes. A leaf node lists children sorted by ordinal name, each as kind,
/// name and id; nothing else (no timestamps, no node ids), so a directory's hash depends only on what it
/// holds and two converged nodes compute the same root (DESIGN "Root hash determinism").
/// A directory of at most <see cref="MaxLeafChildren"/> children is one leaf node; a larger one is an
/// index node over buckets (see MerkleCodec.Index.cs), so one changed child rewrites one bucket path,
/// not the whole directory. Every node of either form is an <see cref="ObjectKind.Directory"/> object;
/// the first byte tells the forms apart.
/// </summary>
internal static partial class MerkleCodec
{
    /// <summary>
    /// K: the most children a leaf node holds (production value; tests pass a smaller one). Every change rewrites
    /// its leaf and the index nodes above it. An index node holds at most 256 buckets of 37 bytes (~9.5 KB) and
    /// a leaf ~55 bytes a child, so K = 128 keeps a leaf (~7 KB) no larger than an index node: one small PUT into
    /// a directory of any size rewrites at most ~16 KB of directory nodes per level, where K = 1024 let a
    /// directory of a few hundred files rewrite a 55 KB leaf on every write.
    /// </summary>
    public const int MaxLeafChildren = 128;

    /// <summary>First byte of a leaf node.</summary>
    internal const byte LeafFormat = 1;

    /// <summary>Format byte and child count before a leaf's children.</summary>
    internal const int LeafHeaderLength = 1 + 4;

    /// <summary>Bytes of a leaf child besides its UTF-8 name: kind, name length (u16) and id.</summary>
    internal const int LeafChildOverhead = 1 + 2 + ContentHasher.HashLength;

    private const byte EncodingVersion = LeafFormat;

    /// <summary>Encodes children in ordinal name order (the input need not be sorted).</summary>
    public static byte[] EncodeDirectory(IReadOnlyList<DirectoryChild> children)
    {
        var sorted = children.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
        var length = 1 + 4;
        foreach (var child in sorted)
        {
            length += 1 + 2 + Encoding.UTF8.GetByteCount(child.Name) + ContentHasher.HashLength;
        }

        var buffer = new byte[length];
        var span = buffer.AsSpan();
        span[0] = EncodingVersion;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], sorted.Length);
        var offset = 5;
        foreach (var child in sorted)
        {
            span[offset++] = (byte)child.Kind;
            var nameLength = Encoding.UTF8.GetBytes(child.Name, span[(offset + 2)..]);
            BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], checked((ushort)nameLength));
            offset += 2 + nameLength;
            child.Hash.CopyTo(span[offset..]);
            offset += ContentHasher.HashLength;
        }

        return buffer;
    }

    /// <summary>Decodes a leaf node written by <see cref="EncodeDirectory"/>; children come back in ordinal name order.</summary>
    public static IReadOnlyList<DirectoryChild> DecodeDirectory(ReadOnlySpan<byte> data)
    {
        if (data.Length < 5 || data[0] != EncodingVersion)
        {
            throw new FormatException("Not a directory node.");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(data[1..]);
        var children = new DirectoryChild[count];
        var offset = 5;
        for (var i = 0; i < count; i++)
        {
            var kind = (EntryKind)data[offset++];
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]);
            offset += 2;
            var name = Encoding.UTF8.GetString(data.Slice(offset, nameLength));
            offset += nameLength;
            var hash = data.Slice(offset, ContentHasher.HashLength).ToArray();
            offset += ContentHasher.HashLength;
            children[i] = new DirectoryChild(name, kind, hash);
        }

        return children;
    }

    /// <summary>Id of a directory node's encoding, leaf ("dirn:") or index ("dirb:") by its first byte.</summary>
    public static byte[] DirectoryId(byte[] encoded) =>
        IsIndex(encoded) ? ContentHasher.DirectoryIndexId(encoded) : ContentHasher.DirectoryId(encoded);

    /// <summary>The root hash of an empty tree.</summary>
    public static byte[] EmptyDirectoryId() => ContentHasher.DirectoryId(EncodeDirectory([]));
}
