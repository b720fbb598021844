using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Interfaces;

/// <summary>
/// The node's immutable, content-addressed object store (DESIGN "Storage model"): chunks, file version
/// records, directory nodes and symlink records keyed by BLAKE3-256. The store computes every id itself,
/// so callers never hash. Puts are idempotent and acknowledged only once durable. A DI singleton.
/// </summary>
public interface IObjectStore
{
    /// <summary>Stores one chunk (at most 256 KiB) and returns its 32-byte id: BLAKE3("chunk:" ‖ data), or BLAKE3("system::" ‖ data) when <paramref name="system"/>.</summary>
    ValueTask<byte[]> PutChunkAsync(ReadOnlyMemory<byte> data, bool system, CancellationToken cancellationToken = default);

    /// <summary>Stores a chunk received from a peer under <paramref name="expectedHash"/>, after re-hashing it with both domain prefixes; false (nothing stored) when neither matches.</summary>
    ValueTask<bool> PutVerifiedChunkAsync(ReadOnlyMemory<byte> expectedHash, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Stores a file version record for chunks already stored and returns it with its content-derived id.</summary>
    ValueTask<FileVersion> PutFileVersionAsync(IReadOnlyList<string> chunkHashes, long size, string? contentType, bool system, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a file of at most one chunk (256 KiB) and its version record together: both are queued at once,
    /// so a small upload usually costs one durable commit instead of two. Returns the version record.
    /// </summary>
    ValueTask<FileVersion> PutSmallFileAsync(ReadOnlyMemory<byte> content, string? contentType, bool system, CancellationToken cancellationToken = default);

    /// <summary>Reads a file version record by its hex id; null when unknown.</summary>
    ValueTask<FileVersion?> GetFileVersionAsync(string versionHash, CancellationToken cancellationToken = default);

    /// <summary>Kind, flag and length of an object; null when unknown.</summary>
    ValueTask<ObjectInfo?> GetInfoAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default);

    /// <summary>Copies an object's bytes into <paramref name="destination"/> (which must be large enough) and returns the length, or -1 when unknown.</summary>
    ValueTask<int> ReadAsync(ReadOnlyMemory<byte> hash, Memory<byte> destination, CancellationToken cancellationToken = default);

    /// <summary>True when every given object is present.</summary>
    ValueTask<bool> ContainsAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default);
}
