namespace AeorDb.Grains.Interfaces.Models;

/// <summary>One side of a conflict record (CONTRACT §7.4).</summary>
/// <param name="Hash">Version hex, or empty for a deletion.</param>
/// <param name="VirtualTime">The side's time in ms, or 0 for a deletion.</param>
/// <param name="NodeId">The writing node, or 0 for a deletion.</param>
/// <param name="Size">File size; 0 for symlinks and deletions.</param>
/// <param name="ContentType">File content type; null for symlinks and deletions.</param>
[GenerateSerializer, Immutable, Alias("aeordb.ConflictSide")]
public sealed record ConflictSide(
    [property: Id(0)] string Hash,
    [property: Id(1)] long VirtualTime,
    [property: Id(2)] ulong NodeId,
    [property: Id(3)] long Size,
    [property: Id(4)] string? ContentType)
{
    /// <summary>The side of a deletion (CONTRACT §7.3: the loser is empty).</summary>
    public static ConflictSide Deleted { get; } = new("", 0, 0, 0, null);
}
