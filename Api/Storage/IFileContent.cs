using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Storage;

/// <summary>
/// Reads and writes whole files through the object store and the file grains, with no access checks and
/// no namespace hiding: for the Api's own records (API keys, refresh tokens, signing key under
/// /.aeordb-system/) and for the file routes after they have checked access.
/// </summary>
internal interface IFileContent
{
    /// <summary>Streams <paramref name="body"/> into 256 KiB chunks and commits it at <paramref name="canonicalPath"/>; chunks are SYSTEM-flagged under the hidden namespaces.</summary>
    Task<WriteResult> WriteAsync(string canonicalPath, Stream body, string? contentType, long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>Writes a small in-memory file (records, keys).</summary>
    Task<WriteResult> WriteBytesAsync(string canonicalPath, ReadOnlyMemory<byte> content, string? contentType, CancellationToken cancellationToken = default);

    /// <summary>Reads a small file whole; null when absent or not a file.</summary>
    Task<byte[]?> ReadBytesAsync(string canonicalPath, CancellationToken cancellationToken = default);

    /// <summary>Reads a small file whole; null when absent, not a file, or larger than <paramref name="maxBytes"/> (nothing is read then).</summary>
    Task<byte[]?> ReadBytesAsync(string canonicalPath, long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>Entries directly under a directory of HEAD; empty when absent.</summary>
    Task<IReadOnlyList<FileEntry>> ListAsync(string canonicalDirectory, CancellationToken cancellationToken = default);

    /// <summary>Deletes a file; false when it was absent.</summary>
    Task<bool> DeleteAsync(string canonicalPath, CancellationToken cancellationToken = default);

    /// <summary>True when the path's newest state is a deletion (it held something once, locally or on a peer, and was deleted).</summary>
    Task<bool> WasDeletedAsync(string canonicalPath, CancellationToken cancellationToken = default);
}
