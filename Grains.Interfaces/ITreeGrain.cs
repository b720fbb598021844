using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Interfaces;

/// <summary>
/// The node's Merkle tree of HEAD (one activation, key 0). Directory nodes live in the object store, so
/// every past root stays readable. Changes are group-committed: concurrent commits share one durable
/// transaction, and each call returns once its changes are durable.
/// </summary>
public interface ITreeGrain : IGrainWithIntegerKey
{
    /// <summary>Applies all <paramref name="changes"/> atomically (parents created as needed) and returns the new root.</summary>
    Task<CommitResult> CommitAsync(IReadOnlyList<TreeChange> changes);

    /// <summary>
    /// Makes the stored version <paramref name="versionHash"/> the content of the file at <paramref name="path"/>
    /// (parents created as needed; <c>created_at</c> of a file it replaces kept), stamped when the tree applies it.
    /// The plain PUT's one grain call: no per-path activation, and the tree's order is the path's write order.
    /// </summary>
    Task<WriteResult> PutFileAsync(string path, string versionHash, long size, string? contentType);

    /// <summary>The current HEAD root hash (lowercase hex).</summary>
    Task<string> GetRootHashAsync();

    /// <summary>The HEAD entry at <paramref name="path"/> (file, symlink or directory; "/" is the root directory); null when absent.</summary>
    Task<FileEntry?> GetAsync(string path);

    /// <summary>
    /// Children of <paramref name="path"/> in HEAD, or in the tree whose root is <paramref name="rootHash"/>;
    /// <paramref name="depth"/> 0 lists children only, N more levels, negative unlimited.
    /// </summary>
    Task<ListResult> ListAsync(string path, int depth, string? rootHash);

    /// <summary>True when <paramref name="rootHash"/> is a root this node has committed.</summary>
    Task<bool> IsKnownRootAsync(string rootHash);

    /// <summary>
    /// Files and symlinks changed from <paramref name="sinceRootHash"/> (a root this node committed) to HEAD,
    /// comparing the two Merkle trees top-down and skipping equal subtrees. With no
    /// <paramref name="sinceRootHash"/>, or one this node does not know, all of HEAD is listed as added
    /// (<see cref="TreeDiffResult.FullListing"/>). A malformed hash counts as unknown; callers validate first.
    /// </summary>
    Task<TreeDiffResult> DiffAsync(string? sinceRootHash);
}
