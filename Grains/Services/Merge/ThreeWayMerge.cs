using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Merge;

/// <summary>
/// The per-path three-way merge of CONTRACT §7.1. Pure: the same base and the same two versions give the same
/// outcome whichever side is "local", so two nodes merging each other's changes settle to one answer.
/// </summary>
/// <remarks>
/// Two forms. With both sides' histories (the states each node had before its current one, deletions included),
/// "changed since the base" is decided per side by what the other has seen: a state the other side moved on from is
/// an ancestor, so the other side's state supersedes it; only states neither side has seen of the other are
/// concurrent. That stays right when versions and deletions reach a node by different routes, where one base
/// root per peer cannot tell a deletion made after a newer version arrived from one made before. Without the peer's
/// history (a peer of another implementation) the base id decides, as the contract's table is written.
/// </remarks>
internal static class ThreeWayMerge
{
    /// <summary>Merges one path by the two sides' histories; falls back to <see cref="Merge(string, string?, MergeVersion?, MergeVersion?)"/> without the peer's.</summary>
    /// <param name="path">The canonical path.</param>
    /// <param name="baseHash">The version id the peer had at the last pull (null: absent); used only by the fallback.</param>
    /// <param name="local">Our state: a version, our deletion record, or null when we never had the path.</param>
    /// <param name="localHistory">Our states before <paramref name="local"/>, newest first.</param>
    /// <param name="remote">The peer's state: a version, its deletion record, or null for a deletion it sent no record of.</param>
    /// <param name="remoteHistory">The peer's states before <paramref name="remote"/>; null when it sent none.</param>
    public static MergeOutcome Merge(
        string path, string? baseHash, MergeVersion? local, IReadOnlyList<VersionRef> localHistory, MergeVersion? remote, IReadOnlyList<VersionRef>? remoteHistory)
    {
        if (remote is null || remoteHistory is null)
        {
            var outcome = Merge(path, baseHash, Live(local), Live(remote));
            // The peer's deletion record is kept when its delete is what applies.
            return outcome.Result is null && remote is { IsDeleted: true } && Live(local) is not null ? outcome with { Result = remote } : outcome;
        }

        if (local is null)
        {
            // Never here: the peer's version applies; its deletion of something we never had changes nothing.
            return new MergeOutcome(remote.IsDeleted ? null : remote, null);
        }

        if (local.Ref == remote.Ref)
        {
            return new MergeOutcome(local, null);
        }

        if (local.IsDeleted && remote.IsDeleted || !local.IsDeleted && !remote.IsDeleted && SameHash(local.Hash, remote.Hash))
        {
            // The same outcome on both sides: both keep the later stamp (and deletion record), so histories agree later.
            return new MergeOutcome(MergeVersion.CompareLww(local, remote) >= 0 ? local : remote, null);
        }

        var remoteSawLocal = remoteHistory.Contains(local.Ref);
        var localSawRemote = localHistory.Contains(remote.Ref);
        if (ConflictPaths.IsConflictPath(path))
        {
            // Both nodes of a conflict write its record (and loser entry) themselves: the same bytes under their own stamps.
            // A side that held those bytes and moved on (resolved or dismissed the conflict) has seen the other's copy,
            // so a resolution on one node clears the record on the other instead of the copy coming back by modify-beats-delete.
            remoteSawLocal |= !local.IsDeleted && HeldContent(remoteHistory, local.Hash);
            localSawRemote |= !remote.IsDeleted && HeldContent(localHistory, remote.Hash);
        }

        if (remoteSawLocal != localSawRemote)
        {
            return new MergeOutcome(remoteSawLocal ? remote : local, null);
        }

        if (remoteSawLocal)
        {
            // Each side moved on from the other's state (a state written again): order by LWW, nothing concurrent.
            return new MergeOutcome(MergeVersion.CompareLww(local, remote) >= 0 ? local : remote, null);
        }

        if (local.IsDeleted || remote.IsDeleted)
        {
            // Modify beats delete; the deleting side is the empty loser.
            var survivor = local.IsDeleted ? remote : local;
            return new MergeOutcome(survivor, Record(path, ConflictTypes.ModifyDelete, survivor, null));
        }

        var winner = MergeVersion.CompareLww(local, remote) >= 0 ? local : remote;
        var loser = ReferenceEquals(winner, local) ? remote : local;
        // By the histories alone, which both nodes see alike, so both write the same record (the base is per puller).
        var type = SharesVersion(localHistory, remoteHistory) ? ConflictTypes.ConcurrentModify : ConflictTypes.ConcurrentCreate;
        return new MergeOutcome(winner, Record(path, type, winner, loser));
    }

    /// <summary>True when both sides had a common version before diverging: both modified it rather than created the path.</summary>
    private static bool SharesVersion(IReadOnlyList<VersionRef> local, IReadOnlyList<VersionRef> remote)
    {
        var seen = local.Where(static r => !r.Deleted).ToHashSet();
        return remote.Any(r => !r.Deleted && seen.Contains(r));
    }

    private static bool HeldContent(IReadOnlyList<VersionRef> history, string hash) =>
        history.Any(r => !r.Deleted && SameHash(r.Hash, hash));

    private static MergeVersion? Live(MergeVersion? version) => version is { IsDeleted: true } ? null : version;

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
