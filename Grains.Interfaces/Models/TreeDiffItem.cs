namespace AeorDb.Grains.Interfaces.Models;

/// <summary>One file or symlink of a tree diff, as it is in the newer tree (or was, when deleted).</summary>
/// <param name="Path">Canonical path.</param>
/// <param name="Kind">File or symlink (directories are never listed; their files are).</param>
/// <param name="Hash">Lowercase hex: the file-version id or symlink record id in the newer tree; for a deletion, the id it had.</param>
/// <param name="Target">The symlink's canonical target (added and modified symlinks); null otherwise.</param>
/// <param name="PreviousHash">For a modification or deletion, the id the path had in the earlier tree: the merge's per-path base.</param>
/// <param name="Stamp">The version stamp of the newer entry when known; for a deletion, the deletion's stamp when recorded.</param>
/// <param name="History">
/// The states the path had on this node before this one, newest first (at most 15): what the node saw and moved on from.
/// Null when unknown (the entry changed again while the diff was taken, or a deletion made before deletions were recorded).
/// </param>
[GenerateSerializer, Immutable, Alias("aeordb.TreeDiffItem")]
public sealed record TreeDiffItem(
    [property: Id(0)] string Path,
    [property: Id(1)] EntryKind Kind,
    [property: Id(2)] string Hash,
    [property: Id(3)] string? Target,
    [property: Id(4)] string? PreviousHash = null,
    [property: Id(5)] VersionStamp? Stamp = null,
    [property: Id(6)] IReadOnlyList<VersionRef>? History = null);
