using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merge;
using Xunit;

namespace AeorDb.Tests.Services.Merge;

/// <summary>Every cell of the CONTRACT §7.1 table, for files and symlinks.</summary>
public sealed class ThreeWayMergeTests
{
    private const string Path = "/a/b.txt";
    private static readonly string _base = Hex('0');

    [Fact]
    public void Merge_BothUnchanged_KeepsTheVersionWithTheLaterStamp()
    {
        var remote = File('0', 20, 2);
        var outcome = ThreeWayMerge.Merge(Path, _base, File('0', 10, 1), remote);

        Assert.Same(remote, outcome.Result);
        Assert.Null(outcome.Conflict);
    }

    [Fact]
    public void Merge_RemoteModifiedLocalUnchanged_AppliesRemote()
    {
        var remote = File('r', 20, 2);
        var outcome = ThreeWayMerge.Merge(Path, _base, File('0', 10, 1), remote);

        Assert.Same(remote, outcome.Result);
        Assert.Null(outcome.Conflict);
    }

    [Fact]
    public void Merge_RemoteAddedLocalAbsent_AppliesRemote()
    {
        var remote = File('r', 20, 2);
        var outcome = ThreeWayMerge.Merge(Path, null, null, remote);

        Assert.Same(remote, outcome.Result);
        Assert.Null(outcome.Conflict);
    }

    [Fact]
    public void Merge_RemoteDeletedLocalUnchanged_AppliesDelete()
    {
        var outcome = ThreeWayMerge.Merge(Path, _base, File('0', 10, 1), null);

        Assert.Null(outcome.Result);
        Assert.Null(outcome.Conflict);
    }

    [Fact]
    public void Merge_LocalModifiedRemoteUnchanged_KeepsLocal()
    {
        var local = File('l', 30, 1);
        var outcome = ThreeWayMerge.Merge(Path, _base, local, File('0', 10, 2));

        Assert.Same(local, outcome.Result);
        Assert.Null(outcome.Conflict);
    }

    [Fact]
    public void Merge_BothModifiedToSameVersion_NoConflict()
    {
        var remote = File('s', 40, 2);
        var outcome = ThreeWayMerge.Merge(Path, _base, File('s', 30, 1), remote);

        Assert.Same(remote, outcome.Result);
        Assert.Null(outcome.Conflict);
    }

    [Fact]
    public void Merge_BothModifiedDifferently_LaterTimeWinsWithConcurrentModify()
    {
        var local = File('l', 30, 1);
        var remote = File('r', 40, 2);
        var outcome = ThreeWayMerge.Merge(Path, _base, local, remote);

        Assert.Same(remote, outcome.Result);
        var conflict = Assert.IsType<ConflictRecord>(outcome.Conflict);
        Assert.Equal(ConflictTypes.ConcurrentModify, conflict.ConflictType);
        Assert.Equal("winner", conflict.AutoWinner);
        Assert.Equal(Path, conflict.Path);
        Assert.Equal(40, conflict.CreatedAt);
        Assert.Equal(remote.ToSide(), conflict.Winner);
        Assert.Equal(local.ToSide(), conflict.Loser);
    }

    [Fact]
    public void Merge_BothAddedDifferently_ConcurrentCreate()
    {
        var local = File('l', 50, 1);
        var outcome = ThreeWayMerge.Merge(Path, null, local, File('r', 40, 2));

        Assert.Same(local, outcome.Result);
        Assert.Equal(ConflictTypes.ConcurrentCreate, outcome.Conflict!.ConflictType);
    }

    [Fact]
    public void Merge_SameTime_HigherNodeIdWins()
    {
        var local = File('l', 40, 9);
        var outcome = ThreeWayMerge.Merge(Path, _base, local, File('r', 40, 2));

        Assert.Same(local, outcome.Result);
    }

    [Fact]
    public void Merge_SameTimeAndNode_GreaterHashWins()
    {
        var remote = File('r', 40, 2);
        var outcome = ThreeWayMerge.Merge(Path, _base, File('l', 40, 2), remote);

        Assert.Same(remote, outcome.Result);
    }

    [Fact]
    public void Merge_LocalModifiedRemoteDeleted_KeepsLocalWithModifyDelete()
    {
        var local = File('l', 30, 1);
        var outcome = ThreeWayMerge.Merge(Path, _base, local, null);

        Assert.Same(local, outcome.Result);
        var conflict = outcome.Conflict!;
        Assert.Equal(ConflictTypes.ModifyDelete, conflict.ConflictType);
        Assert.Equal(local.ToSide(), conflict.Winner);
        Assert.Equal(ConflictSide.Deleted, conflict.Loser);
        Assert.Equal("", conflict.Loser.Hash);
    }

    [Fact]
    public void Merge_LocalDeletedRemoteModified_ModifyBeatsDelete()
    {
        var remote = File('r', 5, 2);
        var outcome = ThreeWayMerge.Merge(Path, _base, null, remote);

        Assert.Same(remote, outcome.Result);
        Assert.Equal(ConflictTypes.ModifyDelete, outcome.Conflict!.ConflictType);
        Assert.Equal(remote.ToSide(), outcome.Conflict.Winner);
    }

    [Fact]
    public void Merge_LocalDeletedRemoteUnchanged_StaysDeleted()
    {
        var outcome = ThreeWayMerge.Merge(Path, _base, null, File('0', 10, 2));

        Assert.Null(outcome.Result);
        Assert.Null(outcome.Conflict);
    }

    [Fact]
    public void Merge_BothDeleted_Nothing()
    {
        var outcome = ThreeWayMerge.Merge(Path, _base, null, null);

        Assert.Null(outcome.Result);
        Assert.Null(outcome.Conflict);
    }

    [Fact]
    public void Merge_SymlinksSameTarget_NoConflict()
    {
        var outcome = ThreeWayMerge.Merge(Path, null, Link('t', 10, 1), Link('t', 20, 2));

        Assert.Null(outcome.Conflict);
    }

    [Fact]
    public void Merge_SymlinksDifferentTargets_LwwWithEmptySizeAndType()
    {
        var remote = Link('u', 20, 2);
        var outcome = ThreeWayMerge.Merge(Path, _base, Link('t', 10, 1), remote);

        Assert.Same(remote, outcome.Result);
        Assert.Equal(ConflictTypes.ConcurrentModify, outcome.Conflict!.ConflictType);
        Assert.Equal(0, outcome.Conflict.Winner.Size);
        Assert.Null(outcome.Conflict.Winner.ContentType);
    }

    [Fact]
    public void Merge_SymlinkDeletedRemotely_ModifyDelete()
    {
        var local = Link('t', 10, 1);
        var outcome = ThreeWayMerge.Merge(Path, _base, local, null);

        Assert.Same(local, outcome.Result);
        Assert.Equal(ConflictTypes.ModifyDelete, outcome.Conflict!.ConflictType);
    }

    /// <summary>A version id named by a letter; later letters of "0lrstuvw" give greater ids.</summary>
    internal static string Hex(char c) => new("0123456789abcdef"["0lrstuvw".IndexOf(c, StringComparison.Ordinal)], 64);

    internal static MergeVersion File(char content, long time, ulong node) =>
        new(EntryKind.File, Hex(content), time, node, content, "text/plain", null);

    internal static MergeVersion Link(char target, long time, ulong node) =>
        new(EntryKind.Symlink, Hex(target), time, node, 0, null, "/" + target);
}
