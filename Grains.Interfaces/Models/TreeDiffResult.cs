namespace AeorDb.Grains.Interfaces.Models;

/// <summary>
/// Files and symlinks that changed between an earlier root and HEAD, every list sorted by ordinal path.
/// A path whose kind changed between file and symlink is deleted as the one and added as the other.
/// </summary>
/// <param name="RootHash">The HEAD root the diff was taken against (captured before it was computed).</param>
/// <param name="FullListing">True when the result lists all of HEAD as added: no earlier root was given, or this node does not know it.</param>
/// <param name="Added">Entries only in HEAD.</param>
/// <param name="Modified">Entries of the same kind in both trees with different ids.</param>
/// <param name="Deleted">Entries only in the earlier tree.</param>
[GenerateSerializer, Immutable, Alias("aeordb.TreeDiffResult")]
public sealed record TreeDiffResult(
    [property: Id(0)] string RootHash,
    [property: Id(1)] bool FullListing,
    [property: Id(2)] IReadOnlyList<TreeDiffItem> Added,
    [property: Id(3)] IReadOnlyList<TreeDiffItem> Modified,
    [property: Id(4)] IReadOnlyList<TreeDiffItem> Deleted);
