using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Merge;

/// <summary>One side's state of a path as the merge sees it: a file, a symlink or a deletion record, with its LWW key.</summary>
/// <param name="Kind">File, symlink or <see cref="EntryKind.Deletion"/>.</param>
/// <param name="Hash">Lowercase hex version id (a symlink's record id, derived from its target); for a deletion, the id of the version deleted.</param>
/// <param name="VirtualTime">Hybrid-clock ms of the write (the side's <c>updated_at</c>).</param>
/// <param name="NodeId">The node that made the write.</param>
/// <param name="Size">File size; 0 for symlinks.</param>
/// <param name="ContentType">File content type; null for symlinks.</param>
/// <param name="Target">Symlink target; null for files.</param>
internal sealed record MergeVersion(EntryKind Kind, string Hash, long VirtualTime, ulong NodeId, long Size, string? ContentType, string? Target)
{
    /// <summary>
    /// The LWW order of CONTRACT §7.2 with the hybrid-clock key of DESIGN: <c>(virtual_time, node_id, hash)</c>.
    /// Total and the same on every node; lowercase hex compares ordinally as the bytes do.
    /// </summary>
    public static int CompareLww(MergeVersion x, MergeVersion y)
    {
        var byTime = x.VirtualTime.CompareTo(y.VirtualTime);
        if (byTime != 0)
        {
            return byTime;
        }

        var byNode = x.NodeId.CompareTo(y.NodeId);
        return byNode != 0 ? byNode : string.CompareOrdinal(x.Hash, y.Hash);
    }

    /// <summary>True for a deletion record.</summary>
    public bool IsDeleted => Kind == EntryKind.Deletion;

    /// <summary>This state's identity in a path's history.</summary>
    public VersionRef Ref => new(Hash, new VersionStamp(VirtualTime, NodeId), IsDeleted);

    /// <summary>A path's deletion record as the merge sees it.</summary>
    public static MergeVersion Deletion(string deletedHash, VersionStamp stamp) => new(EntryKind.Deletion, deletedHash, stamp.VirtualTime, stamp.NodeId, 0, null, null);

    /// <summary>This version as a side of a conflict record.</summary>
    public ConflictSide ToSide() => new(Hash, VirtualTime, NodeId, Size, ContentType);
}
