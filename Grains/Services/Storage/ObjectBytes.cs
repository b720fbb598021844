using System.Buffers;
using System.Data.Common;
using System.Runtime.InteropServices;

namespace AeorDb.Grains.Services.Storage;

/// <summary>Copying an object's bytes out of a database row into a caller's buffer, the same on every backend.</summary>
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
}
