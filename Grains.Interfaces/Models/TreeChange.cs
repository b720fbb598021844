namespace AeorDb.Grains.Interfaces.Models;

/// <summary>One change to apply to the tree: put <paramref name="Entry"/> at <paramref name="Path"/>, or remove the path when it is null.</summary>
/// <param name="Path">Canonical path.</param>
/// <param name="Entry">The new file or symlink entry, or null to delete (a directory is deleted only when empty).</param>
[GenerateSerializer, Immutable, Alias("aeordb.TreeChange")]
public sealed record TreeChange(
    [property: Id(0)] string Path,
    [property: Id(1)] FileEntry? Entry);
