namespace AeorDb.Grains.Interfaces;

/// <summary>
/// Which paths refer to a stored object: the reverse of the tree, for authorizing hash-addressed reads
/// (<c>/blobs</c>, <c>/sync/chunks</c>) against the paths a caller may read. Every tree commit records, in
/// the same transaction, each file version it puts (and that version's chunks) and each symlink record
/// under the path it is put at; the rows are kept when the path later changes or is deleted, so a version
/// in a path's retained history stays attributed to it. System files (SYSTEM-flagged versions) are not
/// recorded: /blobs never serves them, and peers and root need no reference to read them. A DI singleton
/// implemented by the node's store.
/// </summary>
public interface IObjectReferences
{
    /// <summary>
    /// Up to <paramref name="limit"/> distinct paths that a file version, chunk or symlink record
    /// <paramref name="hash"/> (32 bytes) was committed under, in ordinal path order; empty when none (a
    /// directory node, an unknown object, or a system file's object).
    /// </summary>
    Task<IReadOnlyList<string>> GetReferencingPathsAsync(ReadOnlyMemory<byte> hash, int limit, CancellationToken cancellationToken = default);
}
