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
    long CommittedAt);
