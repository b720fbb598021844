using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merkle;
using Xunit;
using static AeorDb.Tests.Services.Merkle.TreeEntries;

namespace AeorDb.Tests.Services.Merkle;

/// <summary>A batch started on a built batch not yet accepted (<see cref="TreeIndex.BeginAfter"/>).</summary>
public sealed class TreeIndexPipelineTests
{
    [Fact]
    public void BeginAfter_BuiltBatchBelow_SeesItsChangesAndEndsWhereOneBatchWould()
    {
        var index = new TreeIndex(maxLeafChildren: 2);
        index.Apply([Put(File("/d/keep", 1))], Stamp(1));
        var below = index.Begin(Stamp(2));
        Assert.Equal(CommitStatus.Ok, below.TryApply([Put(File("/d/a", 2)), Put(File("/d/b", 3))]).Status);
        below.Build();

        var above = index.BeginAfter(below, Stamp(3));
        Assert.Equal(CommitStatus.PathConflict, above.TryApply([Put(File("/d/a/under", 4))]).Status);
        Assert.Equal(CommitStatus.Ok, above.TryApply([Put(File("/d/c", 4)), Delete("/d/b")]).Status);
        var commit = above.Build();

        // Only what the batch above changed is written by it; HEAD moves only as each batch is accepted, in order.
        Assert.Equal(["/d", "/d/c"], commit.Upserts.Select(e => e.Path));
        Assert.Equal(["/d/b"], commit.Deletes);
        Assert.Throws<InvalidOperationException>(() => index.Accept(above));
        Assert.Null(index.Get("/d/a"));
        index.Accept(below);
        Assert.Equal(below.RootHash, index.RootHash);
        index.Accept(above);

        var whole = new TreeIndex(maxLeafChildren: 2);
        whole.Apply([Put(File("/d/keep", 1))], Stamp(1));
        whole.Apply([Put(File("/d/a", 2)), Put(File("/d/c", 4))], Stamp(3));
        Assert.Equal(whole.RootHash, index.RootHash);
        Assert.Equal(["/d/a", "/d/c", "/d/keep"], index.List("/d", 0).Items.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void After_BatchNotBuilt_Throws()
    {
        var batch = new TreeIndex().Begin(Stamp(1));

        Assert.Throws<InvalidOperationException>(() => batch.After);
    }
}
