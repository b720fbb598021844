namespace AeorDb.Grains.Interfaces.Models;

/// <summary>One entry of a tree: a file, a directory or a symlink at a canonical path.</summary>
/// <param name="Path">Canonical absolute path (CONTRACT §1.5).</param>
/// <param name="Kind">File, directory or symlink.</param>
/// <param name="Hash">Lowercase hex: the file-version id, the directory node hash, or the symlink record hash.</param>
/// <param name="Size">File size in bytes; 0 for directories and symlinks.</param>
/// <param name="ContentType">The file's content type; null for directories and symlinks.</param>
/// <param name="Target">The symlink's canonical target; null otherwise.</param>
/// <param name="CreatedAt">Unix milliseconds of the first version at this path.</param>
/// <param name="UpdatedAt">Unix milliseconds of this version.</param>
/// <param name="Stamp">The hybrid-logical-clock stamp of this version.</param>
[GenerateSerializer, Immutable, Alias("aeordb.FileEntry")]
public sealed record FileEntry(
    [property: Id(0)] string Path,
    [property: Id(1)] EntryKind Kind,
    [property: Id(2)] string Hash,
    [property: Id(3)] long Size,
    [property: Id(4)] string? ContentType,
    [property: Id(5)] string? Target,
    [property: Id(6)] long CreatedAt,
    [property: Id(7)] long UpdatedAt,
    [property: Id(8)] VersionStamp Stamp);
