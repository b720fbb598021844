using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merge;
using Xunit;
using static AeorDb.Tests.Services.Merge.ThreeWayMergeTests;

namespace AeorDb.Tests.Services.Merge;

/// <summary>
/// The history form of the merge: each side's earlier states (deletions included) decide which state supersedes the
/// other, so versions and deletions that reach a node by different routes still settle as they were made.
/// </summary>
public sealed class ThreeWayMergeHistoryTests
{
    private const string Path = "/a/b.txt";

    [Fact]
    public void Merge_PeerDeletedAVersionItPulledAfterOurBase_AppliesTheDeletion()
    {
        // We wrote v2 over v1; the peer pulled v2 from us (or from a third node), then deleted it. The base of our last
        // pull still names v1, which made the deletion look concurrent with v2 before deletions carried history.
        var v1 = File('l', 10, 1);
        var v2 = File('r', 20, 1);
        var deletion = Deleted(v2, 30, 2);

        var outcome = ThreeWayMerge.Merge(Path, v1.Hash, v2, [v1.Ref], deletion, [v2.Ref, v1.Ref]);

        Assert.Same(deletion, outcome.Result);
        Assert.Null(outcome.Conflict);
    }

    [Fact]
    public void Merge_PeerDeletedAndRecreatedAndDeletedAgain_AppliesTheLastDeletion()
    {
        var v1 = File('l', 10, 1);
        var first = Deleted(v1, 20, 2);
        var v2 = File('r', 30, 2);
        var second = Deleted(v2, 40, 2);

        var outcome = ThreeWayMerge.Merge(Path, v1.Hash, v1, [], second, [v2.Ref, first.Ref, v1.Ref]);

        Assert.Same(second, outcome.Result);
        Assert.Null(outcome.Conflict);
    }

    [Fact]
    public void Merge_PeerDeletedWhatWeModifiedSince_ModifyBeatsDeleteWithConflict()
    {
        var v1 = File('l', 10, 1);
        var ours = File('s', 30, 1);
        var deletion = Deleted(v1, 20, 2);

        var outcome = ThreeWayMerge.Merge(Path, v1.Hash, ours, [v1.Ref], deletion, [v1.Ref]);

        Assert.Same(ours, outcome.Result);
        Assert.Equal(ConflictTypes.ModifyDelete, outcome.Conflict!.ConflictType);
        Assert.Equal("", outcome.Conflict.Loser.Hash);
    }

    [Fact]
    public void Merge_WeDeletedWhatThePeerHadAlreadyReplaced_ModifyBeatsDeleteOnBothSides()
    {
        var v1 = File('l', 10, 1);
        var theirs = File('s', 15, 2);
        var ours = Deleted(v1, 20, 1);

        var here = ThreeWayMerge.Merge(Path, v1.Hash, ours, [v1.Ref], theirs, [v1.Ref]);
        var there = ThreeWayMerge.Merge(Path, v1.Hash, theirs, [v1.Ref], ours, [v1.Ref]);

        Assert.Same(theirs, here.Result);
        Assert.Same(theirs, there.Result);
        Assert.Equal(here.Conflict, there.Conflict);
    }

    [Fact]
    public void Merge_PeerRecreatedAfterSeeingOurDeletion_AppliesItWithoutConflict()
    {
        var v1 = File('l', 10, 1);
        var ours = Deleted(v1, 20, 1);
        var recreated = File('t', 30, 2);

        var outcome = ThreeWayMerge.Merge(Path, v1.Hash, ours, [v1.Ref], recreated, [ours.Ref, v1.Ref]);

        Assert.Same(recreated, outcome.Result);
        Assert.Null(outcome.Conflict);
    }

    [Fact]
    public void Merge_PeerStillHoldsAVersionWeDeleted_KeepsOurDeletion()
    {
        var v1 = File('l', 10, 1);
        var ours = Deleted(v1, 20, 1);

        var outcome = ThreeWayMerge.Merge(Path, null, ours, [v1.Ref], v1, []);

        Assert.Same(ours, outcome.Result);
        Assert.Null(outcome.Conflict);
    }

    [Fact]
    public void Merge_FullListingOfAnOrdinaryUpdate_AppliesItWithoutConflict()
    {
        // No base (first pull or a reset base): the peer's history shows it replaced our version.
        var v1 = File('l', 10, 1);
        var v2 = File('r', 20, 2);

        var outcome = ThreeWayMerge.Merge(Path, null, v1, [], v2, [v1.Ref]);

        Assert.Same(v2, outcome.Result);
        Assert.Null(outcome.Conflict);
    }

    [Fact]
    public void Merge_ConcurrentEditsOfACommonVersion_AreConcurrentModifyOnBothSides()
    {
        var v1 = File('l', 10, 1);
        var a = File('r', 20, 1);
        var b = File('s', 30, 2);

        var here = ThreeWayMerge.Merge(Path, null, a, [v1.Ref], b, [v1.Ref]);
        var there = ThreeWayMerge.Merge(Path, v1.Hash, b, [v1.Ref], a, [v1.Ref]);

        Assert.Same(b, here.Result);
        Assert.Same(b, there.Result);
        Assert.Equal(ConflictTypes.ConcurrentModify, here.Conflict!.ConflictType);
        Assert.Equal(here.Conflict, there.Conflict);
    }

    [Fact]
    public void Merge_IndependentCreates_AreConcurrentCreate()
    {
        var a = File('r', 20, 1);
        var b = File('s', 30, 2);

        var outcome = ThreeWayMerge.Merge(Path, null, a, [], b, []);

        Assert.Same(b, outcome.Result);
        Assert.Equal(ConflictTypes.ConcurrentCreate, outcome.Conflict!.ConflictType);
    }

    [Fact]
    public void Merge_TwoDeletions_BothKeepTheLaterRecord()
    {
        var v1 = File('l', 10, 1);
        var early = Deleted(v1, 20, 1);
        var late = Deleted(v1, 25, 2);

        Assert.Same(late, ThreeWayMerge.Merge(Path, v1.Hash, early, [v1.Ref], late, [v1.Ref]).Result);
        Assert.Same(late, ThreeWayMerge.Merge(Path, v1.Hash, late, [v1.Ref], early, [v1.Ref]).Result);
    }

    [Fact]
    public void Merge_DeletionOfSomethingNeverHere_ChangesNothing()
    {
        var v1 = File('l', 10, 2);

        var outcome = ThreeWayMerge.Merge(Path, null, null, [], Deleted(v1, 20, 2), [v1.Ref]);

        Assert.Null(outcome.Result);
        Assert.Null(outcome.Conflict);
    }

    [Fact]
    public void Merge_WithoutThePeersHistory_FallsBackToTheBase()
    {
        var v1 = File('l', 10, 1);
        var ours = File('s', 30, 1);

        // A peer of another implementation: a deletion with only its base id, no record and no history.
        var outcome = ThreeWayMerge.Merge(Path, v1.Hash, ours, [v1.Ref], null, null);

        Assert.Same(ours, outcome.Result);
        Assert.Equal(ConflictTypes.ModifyDelete, outcome.Conflict!.ConflictType);
    }

    [Fact]
    public void Merge_ConflictRecordResolvedHereAndTheSameRecordMadeByThePeer_ResolutionWinsOnBothSides()
    {
        // Both nodes recorded one conflict: the same record bytes under each node's own stamp. We resolved it (deleted our
        // copy) before the peer's copy reached us; neither side's history holds the other's stamp.
        const string record = "/.aeordb-conflicts/a/b.txt/.meta";
        var ours = File('u', 10, 1);
        var theirs = File('u', 12, 2);
        var resolved = Deleted(ours, 20, 1);

        var here = ThreeWayMerge.Merge(record, null, resolved, [ours.Ref], theirs, []);
        var there = ThreeWayMerge.Merge(record, null, theirs, [], resolved, [ours.Ref]);

        Assert.Same(resolved, here.Result);
        Assert.Same(resolved, there.Result);
        Assert.Null(here.Conflict);
        Assert.Null(there.Conflict);
    }

    [Fact]
    public void Merge_ConflictRecordResolvedHereAndADifferentRecordMadeByThePeer_TheNewRecordSurvives()
    {
        const string record = "/.aeordb-conflicts/a/b.txt/.meta";
        var ours = File('u', 10, 1);
        var newer = File('v', 30, 2);
        var resolved = Deleted(ours, 20, 1);

        var here = ThreeWayMerge.Merge(record, null, resolved, [ours.Ref], newer, []);

        Assert.Same(newer, here.Result);
    }

    [Fact]
    public void Merge_UserFileDeletedHereAndTheSameBytesWrittenByThePeer_ModifyBeatsDelete()
    {
        // Equal bytes written independently are still a concurrent write on a user path: only conflict records are
        // matched by content.
        var ours = File('u', 10, 1);
        var theirs = File('u', 12, 2);
        var deleted = Deleted(ours, 20, 1);

        var here = ThreeWayMerge.Merge(Path, null, deleted, [ours.Ref], theirs, []);

        Assert.Same(theirs, here.Result);
        Assert.Equal(ConflictTypes.ModifyDelete, here.Conflict!.ConflictType);
    }

    private static MergeVersion Deleted(MergeVersion version, long time, ulong node) =>
        MergeVersion.Deletion(version.Hash, new VersionStamp(time, node));
}
