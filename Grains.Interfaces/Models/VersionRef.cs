namespace AeorDb.Grains.Interfaces.Models;

/// <summary>
/// One earlier state of a path as a node's history holds it: a version (file or symlink) or a deletion of one. Its
/// identity is the id together with the stamp, so a version written again later is a different state.
/// </summary>
/// <param name="Hash">Lowercase hex: the version id; for a deletion, the id of the version it deleted.</param>
/// <param name="Stamp">The write's (or deletion's) hybrid-clock stamp.</param>
/// <param name="Deleted">True for a deletion.</param>
[GenerateSerializer, Immutable, Alias("aeordb.VersionRef")]
public sealed record VersionRef(
    [property: Id(0)] string Hash,
    [property: Id(1)] VersionStamp Stamp,
    [property: Id(2)] bool Deleted)
{
    /// <summary>The state an entry of a history (or HEAD) stands for.</summary>
    public static VersionRef Of(FileEntry entry) => new(entry.Hash, entry.Stamp, entry.Kind == EntryKind.Deletion);
}
