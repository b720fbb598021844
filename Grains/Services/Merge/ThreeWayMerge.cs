using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Merge;

/// <summary>
/// The per-path three-way merge of CONTRACT §7.1. Pure: the same base and the same two versions give the same
/// outcome whichever side is "local", so two nodes merging each other's changes settle to one answer.
/// </summary>
internal static class ThreeWayMerge
{
    /// <summary>Merges one path.</summary>
    /// <param name="path">The canonical path.</param>
    /// <param name="baseHash">The version id both sides started from; null when the path was absent.</param>
    /// <param name="local">Our version now; null when absent.</param>
    /// <param name="remote">The peer's version now; null when absent.</param>
    public static MergeOutcome Merge(string path, string? baseHash, MergeVersion? local, MergeVersion? remote)
    {
        var localChanged = !SameHash(local?.Hash, baseHash);
        var remoteChanged = !SameHash(remote?.Hash, baseHash);
        if (local is not null && remote is not null && SameHash(local.Hash, remote.Hash))
        {
            // One version on both sides: both keep the later stamp, so later LWW comparisons agree everywhere.
            return new MergeOutcome(MergeVersion.CompareLww(local, remote) >= 0 ? local : remote, null);
        }

        if (!remoteChanged || local is null && remote is null)
        {
            return new MergeOutcome(local, null);
        }

        if (!localChanged)
        {
            return new MergeOutcome(remote, null);
        }

        if (local is null || remote is null)
        {
            // Modify beats delete; the deleting side is the empty loser.
            var survivor = (local ?? remote)!;
            return new MergeOutcome(survivor, Record(path, ConflictTypes.ModifyDelete, survivor, null));
        }

        var winner = MergeVersion.CompareLww(local, remote) >= 0 ? local : remote;
        var loser = ReferenceEquals(winner, local) ? remote : local;
        var type = baseHash is null ? ConflictTypes.ConcurrentCreate : ConflictTypes.ConcurrentModify;
        return new MergeOutcome(winner, Record(path, type, winner, loser));
    }

    private static bool SameHash(string? x, string? y) => string.Equals(x, y, StringComparison.OrdinalIgnoreCase);

    private static ConflictRecord Record(string path, string type, MergeVersion winner, MergeVersion? loser)
    {
        var loserSide = loser is null ? ConflictSide.Deleted : loser.ToSide();
        return new ConflictRecord(path, type, "winner", Math.Max(winner.VirtualTime, loserSide.VirtualTime), winner.ToSide(), loserSide);
    }
}
