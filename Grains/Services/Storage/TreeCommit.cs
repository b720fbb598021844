using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// Everything one group commit of the tree writes, in one transaction: new directory nodes and symlink
/// records, catalog rows to upsert (files, symlinks and directories of HEAD) and to delete, and the new root.
/// </summary>
internal sealed record TreeCommit(
    IReadOnlyList<NewObject> Objects,
    IReadOnlyList<FileEntry> Upserts,
    IReadOnlyList<string> Deletes,
    string RootHash,
    long CommittedAt)
{
    /// <summary>
    /// The stored HEAD this commit was built on (null: the store has no HEAD yet). The store applies the commit
    /// only while its HEAD still is this root and otherwise refuses with <see cref="TreeHeadMovedException"/>
    /// (compare-and-swap), so two activations of the tree on one shared store never lose each other's writes.
    /// </summary>
    public string? BaseRootHash { get; init; }

    /// <summary>
    /// One <see cref="EntryKind.Deletion"/> entry per file or symlink this commit deletes (hash: the version deleted,
    /// stamp: the deletion's). The store adds each to the path's history and keeps it as the path's current deletion
    /// until a later commit puts something at the path again.
    /// </summary>
    public IReadOnlyList<FileEntry> Tombstones { get; init; } = [];

    /// <summary>
    /// Rows the store adds to its reference index (<see cref="AeorDb.Grains.Interfaces.IObjectReferences"/>) with
    /// this commit: filled by the store itself from <see cref="Upserts"/> (<see cref="ObjectReference.ForCommitAsync"/>).
    /// </summary>
    public IReadOnlyList<ObjectReference> References { get; init; } = [];
}
