using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Hashing;

/// <summary>
/// Every content id of the node, with the domain prefixes of CONTRACT §1.4. Ids derive from content
/// only (never timestamps or node), so two nodes holding the same bytes agree on every id and on the
/// root hash.
/// </summary>
internal static class ContentHasher
{
    /// <summary>Size of every id: BLAKE3-256.</summary>
    public const int HashLength = 32;

    /// <summary>Fixed chunk size of CONTRACT §1.4.</summary>
    public const int ChunkSize = 262_144;

    private static readonly byte[] _chunkPrefix = "chunk:"u8.ToArray();
    private static readonly byte[] _systemChunkPrefix = "system::"u8.ToArray();
    private static readonly byte[] _fileVersionPrefix = "filec:"u8.ToArray();
    private static readonly byte[] _directoryPrefix = "dirn:"u8.ToArray();
    private static readonly byte[] _directoryIndexPrefix = "dirb:"u8.ToArray();
    private static readonly byte[] _symlinkPrefix = "link:"u8.ToArray();

    /// <summary>Inputs up to this size (prefix included) are joined on the stack before hashing, larger ones in a pooled buffer.</summary>
    private const int StackCopyLimit = 1024;

    /// <summary>Format byte of the encodings below; bump it only with a migration.</summary>
    private const byte EncodingVersion = 1;

    public static byte[] ChunkId(ReadOnlySpan<byte> data, bool system) =>
        Prefixed(system ? _systemChunkPrefix : _chunkPrefix, data);

    /// <summary>True when <paramref name="expected"/> is the chunk id of <paramref name="data"/> under either domain; <paramref name="system"/> says which.</summary>
    public static bool VerifyChunk(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> data, out bool system)
    {
        system = false;
        if (expected.Length != HashLength)
        {
            return false;
        }

        if (expected.SequenceEqual(ChunkId(data, system: false)))
        {
            return true;
        }

        system = true;
        return expected.SequenceEqual(ChunkId(data, system: true));
    }

    /// <summary>Canonical encoding of a file version: format, size, content type (or none), chunk ids.</summary>
    public static byte[] EncodeFileVersion(IReadOnlyList<string> chunkHashes, long size, string? contentType)
    {
        var type = contentType is null ? null : Encoding.UTF8.GetBytes(contentType);
        var buffer = new byte[1 + 8 + 4 + (type?.Length ?? 0) + 4 + (chunkHashes.Count * HashLength)];
        var span = buffer.AsSpan();
        span[0] = EncodingVersion;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], size);
        BinaryPrimitives.WriteInt32LittleEndian(span[9..], type?.Length ?? -1);
        var offset = 13;
        if (type is not null)
        {
            type.CopyTo(span[offset..]);
            offset += type.Length;
        }

        BinaryPrimitives.WriteInt32LittleEndian(span[offset..], chunkHashes.Count);
        offset += 4;
        foreach (var chunk in chunkHashes)
        {
            if (Convert.FromHexString(chunk.AsSpan(), span.Slice(offset, HashLength), out _, out var written) != System.Buffers.OperationStatus.Done || written != HashLength)
            {
                throw new FormatException($"Not a 64-hex chunk id: {chunk}");
            }

            offset += HashLength;
        }

        return buffer;
    }

    /// <summary>Decodes <see cref="EncodeFileVersion"/> output back into a record.</summary>
    public static FileVersion DecodeFileVersion(string hash, ReadOnlySpan<byte> data, bool system)
    {
        if (data.Length < 13 || data[0] != EncodingVersion)
        {
            throw new FormatException("Not a file version record.");
        }

        var size = BinaryPrimitives.ReadInt64LittleEndian(data[1..]);
        var typeLength = BinaryPrimitives.ReadInt32LittleEndian(data[9..]);
        var offset = 13;
        string? contentType = null;
        if (typeLength >= 0)
        {
            contentType = Encoding.UTF8.GetString(data.Slice(offset, typeLength));
            offset += typeLength;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(data[offset..]);
        offset += 4;
        var chunks = new string[count];
        for (var i = 0; i < count; i++)
        {
            chunks[i] = Convert.ToHexStringLower(data.Slice(offset, HashLength));
            offset += HashLength;
        }

        return new FileVersion(hash, size, contentType, chunks, system);
    }

    public static byte[] FileVersionId(ReadOnlySpan<byte> encodedVersion) => Prefixed(_fileVersionPrefix, encodedVersion);

    /// <summary>Symlink record bytes: the canonical target in UTF-8.</summary>
    public static byte[] EncodeSymlink(string target) => Encoding.UTF8.GetBytes(target);

    public static byte[] SymlinkId(ReadOnlySpan<byte> encodedSymlink) => Prefixed(_symlinkPrefix, encodedSymlink);

    public static byte[] DirectoryId(ReadOnlySpan<byte> encodedDirectory) => Prefixed(_directoryPrefix, encodedDirectory);

    /// <summary>Id of a directory index node (a large directory's children split into buckets): BLAKE3("dirb:" ‖ encoding).</summary>
    public static byte[] DirectoryIndexId(ReadOnlySpan<byte> encodedIndex) => Prefixed(_directoryIndexPrefix, encodedIndex);

    /// <summary>
    /// BLAKE3(prefix ‖ data) in one shot over a contiguous copy: an incremental hasher rents its state and zeroes it
    /// when disposed, which cost more than the hashing itself for the 4 KiB chunks and directory nodes of a small PUT
    /// (bench/RESULTS.md, "Storage engine: small PUT pipeline"); the copy of the input costs a fraction of that.
    /// </summary>
    private static byte[] Prefixed(byte[] prefix, ReadOnlySpan<byte> data)
    {
        var hash = new byte[HashLength];
        var length = prefix.Length + data.Length;
        if (length <= StackCopyLimit)
        {
            Span<byte> joined = stackalloc byte[StackCopyLimit];
            Hash(prefix, data, joined[..length], hash);
            return hash;
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Hash(prefix, data, rented.AsSpan(0, length), hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return hash;
    }

    private static void Hash(byte[] prefix, ReadOnlySpan<byte> data, Span<byte> joined, Span<byte> hash)
    {
        prefix.CopyTo(joined);
        data.CopyTo(joined[prefix.Length..]);
        Blake3.Hasher.Hash(joined, hash);
    }
}
