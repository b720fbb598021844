using System.Buffers.Binary;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Merkle;

/// <summary>
/// One child of an in-memory directory in its compact form: what <see cref="FileEntry"/> says minus the path (the
/// directory and the child's name give it), with the 32-byte id inline instead of a 64-character hex string, the
/// content type interned and the stamp unboxed. A leaf of <see cref="ChildMap"/> holds these in one array, so a file
/// of HEAD costs this struct and its name string, nothing more (before: ~450 bytes a file in six objects).
/// </summary>
internal readonly struct ChildEntry : IEquatable<ChildEntry>
{
    private readonly ulong _hash0;
    private readonly ulong _hash1;
    private readonly ulong _hash2;
    private readonly ulong _hash3;

    /// <summary>A file's content type (interned) or a symlink's target.</summary>
    private readonly string? _text;

    private readonly bool _hashed;

    private ChildEntry(FileEntry entry)
    {
        Kind = entry.Kind;
        Size = entry.Size;
        _text = entry.Kind == EntryKind.Symlink ? entry.Target : ContentTypes.Intern(entry.ContentType);
        CreatedAt = entry.CreatedAt;
        UpdatedAt = entry.UpdatedAt;
        VirtualTime = entry.Stamp.VirtualTime;
        NodeId = entry.Stamp.NodeId;
        if (entry.Hash.Length == 0)
        {
            return;
        }

        Span<byte> hash = stackalloc byte[32];
        if (entry.Hash.Length != 64 || Convert.FromHexString(entry.Hash, hash, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            throw new FormatException($"'{entry.Hash}' is not a 32-byte hex id.");
        }

        _hash0 = BinaryPrimitives.ReadUInt64BigEndian(hash);
        _hash1 = BinaryPrimitives.ReadUInt64BigEndian(hash[8..]);
        _hash2 = BinaryPrimitives.ReadUInt64BigEndian(hash[16..]);
        _hash3 = BinaryPrimitives.ReadUInt64BigEndian(hash[24..]);
        _hashed = true;
    }

    public EntryKind Kind { get; }

    public long Size { get; }

    public long CreatedAt { get; }

    public long UpdatedAt { get; }

    public long VirtualTime { get; }

    public ulong NodeId { get; }

    /// <summary>Lowercase hex id; empty for a directory not hashed yet.</summary>
    public string Hash => _hashed ? Convert.ToHexStringLower(HashBytes()) : string.Empty;

    /// <summary>The compact form of <paramref name="entry"/> (its path is dropped); throws on a hash that is not 64 hex digits or empty.</summary>
    public static ChildEntry From(FileEntry entry) => new(entry);

    /// <summary>The 32-byte id (all zero for a directory not hashed yet).</summary>
    public byte[] HashBytes()
    {
        var bytes = new byte[32];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, _hash0);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), _hash1);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(16), _hash2);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(24), _hash3);
        return bytes;
    }

    /// <summary>Writes the 32-byte id (all zero for a directory not hashed yet) into <paramref name="destination"/>.</summary>
    public void WriteHash(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _hash0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _hash1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _hash2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _hash3);
    }

    /// <summary>True when the id is <paramref name="hex"/> (either case).</summary>
    public bool HasHash(string hex) =>
        _hashed && hex.Length == 64 && string.Equals(Hash, hex, StringComparison.OrdinalIgnoreCase);

    /// <summary>The full entry at <paramref name="path"/>.</summary>
    public FileEntry ToEntry(string path) => new(
        path,
        Kind,
        Hash,
        Size,
        Kind == EntryKind.Symlink ? null : _text,
        Kind == EntryKind.Symlink ? _text : null,
        CreatedAt,
        UpdatedAt,
        new VersionStamp(VirtualTime, NodeId));

    public bool Equals(ChildEntry other) =>
        _hash0 == other._hash0 && _hash1 == other._hash1 && _hash2 == other._hash2 && _hash3 == other._hash3
        && _hashed == other._hashed && Kind == other.Kind && Size == other.Size && string.Equals(_text, other._text, StringComparison.Ordinal)
        && CreatedAt == other.CreatedAt && UpdatedAt == other.UpdatedAt && VirtualTime == other.VirtualTime && NodeId == other.NodeId;

    public override bool Equals(object? obj) => obj is ChildEntry other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_hash0, _hash1, Kind, Size, VirtualTime, NodeId);

    public static bool operator ==(ChildEntry left, ChildEntry right) => left.Equals(right);

    public static bool operator !=(ChildEntry left, ChildEntry right) => !left.Equals(right);
}
