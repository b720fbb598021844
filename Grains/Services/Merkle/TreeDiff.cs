namespace AeorDb.Grains.Services.Merkle;

/// <summary>
/// What changed between two trees, as files and symlinks, each list sorted by ordinal path. A path whose
/// kind changed between file and symlink is deleted as the one and added as the other; a directory
/// replaced by a file (or the reverse) lists every file and symlink under the directory as deleted (or added).
/// </summary>
/// <param name="Added">Entries only in the newer tree.</param>
/// <param name="Modified">Entries of the same kind in both trees with different ids.</param>
/// <param name="Deleted">Entries only in the older tree.</param>
internal sealed record TreeDiff(
    IReadOnlyList<TreeDiffEntry> Added,
    IReadOnlyList<TreeDiffEntry> Modified,
    IReadOnlyList<TreeDiffEntry> Deleted)
{
    /// <summary>True when the trees hold the same files and symlinks.</summary>
    public bool IsEmpty => Added.Count == 0 && Modified.Count == 0 && Deleted.Count == 0;
}
