namespace AeorDb.Grains.Interfaces.Models;

/// <summary>Entries under a directory, unsorted and unfiltered: sorting, globbing, permission filtering and paging are the caller's.</summary>
/// <param name="Found">False when the path does not exist in that tree version.</param>
/// <param name="IsDirectory">False when the path names a file or symlink (then <paramref name="Items"/> is empty).</param>
/// <param name="Items">Children, and descendants down to the requested depth.</param>
[GenerateSerializer, Immutable, Alias("aeordb.ListResult")]
public sealed record ListResult(
    [property: Id(0)] bool Found,
    [property: Id(1)] bool IsDirectory,
    [property: Id(2)] IReadOnlyList<FileEntry> Items);
