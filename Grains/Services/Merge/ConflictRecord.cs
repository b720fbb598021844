namespace AeorDb.Grains.Services.Merge;

/// <summary>
/// A conflict record as CONTRACT §7.4 stores it at <c>/.aeordb-conflicts&lt;path&gt;/.meta</c>. Every field derives
/// from the two versions only, so both nodes of a conflict write byte-identical records.
/// </summary>
/// <param name="Path">The contested path.</param>
/// <param name="ConflictType">One of <see cref="ConflictTypes"/>.</param>
/// <param name="AutoWinner">Always <c>winner</c>: the version the merge applied.</param>
/// <param name="CreatedAt">The later of the two versions' times (ms), the same on both nodes.</param>
/// <param name="Winner">The applied version.</param>
/// <param name="Loser">The other version; for a deletion, an empty side.</param>
internal sealed record ConflictRecord(string Path, string ConflictType, string AutoWinner, long CreatedAt, ConflictSide Winner, ConflictSide Loser);

/// <summary>One side of a conflict record.</summary>
/// <param name="Hash">Version hex, or empty for a deletion.</param>
/// <param name="VirtualTime">The side's time in ms, or 0 for a deletion.</param>
/// <param name="NodeId">The writing node, or 0 for a deletion.</param>
/// <param name="Size">File size; 0 for symlinks and deletions.</param>
/// <param name="ContentType">File content type; null for symlinks and deletions.</param>
internal sealed record ConflictSide(string Hash, long VirtualTime, ulong NodeId, long Size, string? ContentType)
{
    /// <summary>The side of a deletion (CONTRACT §7.3: the loser is empty).</summary>
    public static readonly ConflictSide Deleted = new("", 0, 0, 0, null);

    public static ConflictSide Of(MergeVersion version) =>
        new(version.Hash, version.VirtualTime, version.NodeId, version.Size, version.ContentType);
}
