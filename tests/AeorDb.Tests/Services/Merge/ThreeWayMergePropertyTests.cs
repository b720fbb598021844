using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merge;
using CsCheck;
using Xunit;

namespace AeorDb.Tests.Services.Merge;

/// <summary>
/// Commutativity of CONTRACT §7.1: for a random base tree and two random sets of changes to it, merging B into A
/// and A into B give the same tree and the same conflict records. CsCheck prints the seed of a failing sample.
/// </summary>
public sealed class ThreeWayMergePropertyTests
{
    private static readonly string[] _paths = ["/a", "/b", "/c/d", "/c/e", "/f"];

    /// <summary>A side's state of one path: -1 absent, 0..2 a file version, 3..4 a symlink target.</summary>
    private static readonly Gen<int> _state = Gen.Int[-1, 4];

    /// <summary>A side's version: its state and its write time (small, so ties on time happen).</summary>
    private static readonly Gen<(int State, int Time, int Node)> _side = Gen.Select(_state, Gen.Int[0, 3], Gen.Int[1, 2]);

    [Fact]
    public void Merge_SwappedSides_SameTreeAndSameConflicts()
    {
        Gen.Select(_state.Array[_paths.Length], _side.Array[_paths.Length], _side.Array[_paths.Length])
            .Sample(sample =>
            {
                var (bases, a, b) = sample;
                var (treeAb, conflictsAb) = MergeAll(bases, a, b);
                var (treeBa, conflictsBa) = MergeAll(bases, b, a);

                Assert.Equal(treeAb, treeBa);
                Assert.Equal(conflictsAb, conflictsBa);
            }, iter: 2000);
    }

    [Fact]
    public void Merge_RandomSides_ConflictNamesTheResultAsWinner()
    {
        Gen.Select(_state, _side, _side)
            .Sample(sample =>
            {
                var (baseState, a, b) = sample;
                var outcome = ThreeWayMerge.Merge("/p", BaseHash(baseState), Version(a, 0), Version(b, 1));
                if (outcome.Conflict is { } conflict)
                {
                    Assert.NotNull(outcome.Result);
                    Assert.Equal(outcome.Result!.Hash, conflict.Winner.Hash);
                    Assert.NotEqual(conflict.Winner, conflict.Loser);
                }
            }, iter: 2000);
    }

    private static (SortedDictionary<string, string> Tree, List<ConflictRecord> Conflicts) MergeAll(
        int[] bases, (int State, int Time, int Node)[] local, (int State, int Time, int Node)[] remote)
    {
        var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var conflicts = new List<ConflictRecord>();
        for (var i = 0; i < _paths.Length; i++)
        {
            var outcome = ThreeWayMerge.Merge(_paths[i], BaseHash(bases[i]), Version(local[i], 0), Version(remote[i], 0));
            if (outcome.Result is { } result)
            {
                tree[_paths[i]] = $"{result.Hash}@{result.VirtualTime}/{result.NodeId}";
            }

            if (outcome.Conflict is { } conflict)
            {
                conflicts.Add(conflict);
            }
        }

        return (tree, conflicts);
    }

    private static string? BaseHash(int state) => state < 0 ? null : Hash(state);

    private static string Hash(int state) => new((char)('a' + state), 64);

    private static MergeVersion? Version((int State, int Time, int Node) side, int nodeOffset)
    {
        if (side.State < 0)
        {
            return null;
        }

        var node = (ulong)(side.Node + nodeOffset);
        return side.State <= 2
            ? new MergeVersion(EntryKind.File, Hash(side.State), side.Time, node, side.State * 10, "text/plain", null)
            : new MergeVersion(EntryKind.Symlink, Hash(side.State), side.Time, node, 0, null, "/t" + side.State);
    }
}
