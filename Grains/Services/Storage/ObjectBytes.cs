using System.Buffers;
using System.Data.Common;
using System.Runtime.InteropServices;
using AeorDb.Grains.Services.Hashing;

namespace AeorDb.Grains.Services.Storage;

/// <summary>Object keys and bytes as every database backend stores them.</summary>
internal static class ObjectBytes
{
    /// <summary>
    /// Copies column <paramref name="ordinal"/> of the current row into <paramref name="destination"/> and returns its
    /// length. GetBytes copies straight from the provider's column buffer into the caller's array when the memory has
    /// one; otherwise through a pooled array.
    /// </summary>
    public static int CopyTo(DbDataReader reader, int ordinal, Memory<byte> destination)
    {
        var length = checked((int)reader.GetBytes(ordinal, 0, null, 0, 0));
        if (length > destination.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} bytes; the object has {length}.", nameof(destination));
        }

        if (MemoryMarshal.TryGetArray<byte>(destination, out var segment))
        {
            reader.GetBytes(ordinal, 0, segment.Array, segment.Offset, length);
            return length;
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            reader.GetBytes(ordinal, 0, rented, 0, length);
            rented.AsSpan(0, length).CopyTo(destination.Span);
            return length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The hash as a key parameter: its own array when it is one whole, else a copy.</summary>
    public static byte[] KeyOf(ReadOnlyMemory<byte> hash) =>
        MemoryMarshal.TryGetArray(hash, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : hash.ToArray();

    /// <summary>True when <paramref name="hex"/> is a content hash written as lowercase or uppercase hex.</summary>
    public static bool IsHash([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? hex) =>
        hex is { Length: ContentHasher.HashLength * 2 } && hex.All(char.IsAsciiHexDigit);

    /// <summary>Parses a content hash written as lowercase or uppercase hex; false for anything else.</summary>
    public static bool TryParseHash(string hex, out byte[] hash)
    {
        hash = new byte[ContentHasher.HashLength];
        return hex.Length == ContentHasher.HashLength * 2
            && Convert.FromHexString(hex, hash, out _, out var written) == OperationStatus.Done
            && written == ContentHasher.HashLength;
    }
}
