using System.Buffers.Binary;

namespace AeorDb.Grains.Services.Collection;

/// <summary>A 32-byte object id as a value: cheap to hash and compare in the collector's sets.</summary>
internal readonly record struct ObjectKey(ulong A, ulong B, ulong C, ulong D)
{
    /// <summary>The key of a 32-byte id.</summary>
    public static ObjectKey From(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != 32)
        {
            throw new ArgumentException($"An object id has 32 bytes, not {hash.Length}.", nameof(hash));
        }

        return new ObjectKey(
            BinaryPrimitives.ReadUInt64LittleEndian(hash),
            BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]));
    }

    /// <summary>The key of a hex id; false when it is not 64 hex digits.</summary>
    public static bool TryParse(string hex, out ObjectKey key)
    {
        Span<byte> bytes = stackalloc byte[32];
        if (hex.Length != 64 || Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            key = default;
            return false;
        }

        key = From(bytes);
        return true;
    }

    /// <summary>The 32-byte id.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[32];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, A);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), B);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), C);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24), D);
        return bytes;
    }
}
