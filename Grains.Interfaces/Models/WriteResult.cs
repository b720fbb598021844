namespace AeorDb.Grains.Interfaces.Models;

/// <summary>Result of a file grain write (put, symlink, delete, rename).</summary>
/// <param name="Status">Ok, or why nothing changed.</param>
/// <param name="Entry">The entry written (put, symlink, rename: the entry at its new path) or removed (delete).</param>
/// <param name="ChildCount">For <see cref="CommitStatus.DirectoryNotEmpty"/>: how many children the directory has.</param>
[GenerateSerializer, Immutable, Alias("aeordb.WriteResult")]
public sealed record WriteResult(
    [property: Id(0)] CommitStatus Status,
    [property: Id(1)] FileEntry? Entry,
    [property: Id(2)] int ChildCount);
