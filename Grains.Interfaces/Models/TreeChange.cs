namespace AeorDb.Grains.Interfaces.Models;

/// <summary>One change to apply to the tree: put <paramref name="Entry"/> at <paramref name="Path"/>, or remove the path when it is null.</summary>
/// <param name="Path">Canonical path.</param>
/// <param name="Entry">The new file or symlink entry, or null to delete (a directory is deleted only when empty).</param>
/// <param name="ExpectedHash">
/// Compare-and-swap guard: when set, the change applies only if the path now holds a file or symlink with this id
/// (empty: only if the path is absent); otherwise the whole commit fails with <see cref="CommitStatus.Stale"/>.
/// </param>
/// <param name="Tombstone">
/// For the delete of a file or symlink: the deletion record to keep (<see cref="EntryKind.Deletion"/>, hash: the version
/// deleted, stamp: the deletion's), as a pull applies a peer's delete. Null: one is made from the deleted entry with the
/// commit's stamp.
/// </param>
/// <param name="KeepCreatedAt">
/// When the path already holds an entry of the same kind, the tree keeps its <c>created_at</c> instead of
/// <paramref name="Entry"/>'s: a local overwrite needs no read of the current entry before its commit.
/// </param>
/// <param name="StampOnApply">
/// The tree gives <paramref name="Entry"/> the stamp of the moment it applies the change (its <c>Stamp</c> and
/// <c>updated_at</c>, and <c>created_at</c> too when the entry's is 0): the tree is the one point where a node's
/// writes are ordered, so stamps drawn there follow the order the writes reach HEAD, whoever sent them.
/// </param>
[GenerateSerializer, Immutable, Alias("aeordb.TreeChange")]
public sealed record TreeChange(
    [property: Id(0)] string Path,
    [property: Id(1)] FileEntry? Entry,
    [property: Id(2)] string? ExpectedHash = null,
    [property: Id(3)] FileEntry? Tombstone = null,
    [property: Id(4)] bool KeepCreatedAt = false,
    [property: Id(5)] bool StampOnApply = false);
