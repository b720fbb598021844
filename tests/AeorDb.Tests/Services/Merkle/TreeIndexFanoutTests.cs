using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merkle;
using CsCheck;
using Xunit;
using static AeorDb.Tests.Services.Merkle.TreeEntries;

namespace AeorDb.Tests.Services.Merkle;

/// <summary>Directories above K children, with K shrunk so index nodes nest a few levels deep.</summary>
public sealed class TreeIndexFanoutTests
{
    private const int K = 4;

    private static FileEntry[] Files(int count, string directory = "/d") =>
        [.. Enumerable.Range(0, count).Select(i => File($"{directory}/f{i}", i % 200))];

    /// <summary>The directory's hash as the codec's from-scratch encoding computes it.</summary>
    private static string ReferenceHash(TreeIndex index, string directory, int k)
    {
        var children = index.List(directory, 0).Items
            .Select(e => new DirectoryChild(TreePaths.Name(e.Path), e.Kind, Convert.FromHexString(e.Hash)))
            .ToList();
        return Convert.ToHexStringLower(MerkleCodec.EncodeFanout(children, k, new List<(byte[], byte[])>()));
    }

    [Fact]
    public void Apply_ManyChildrenInAnyOrder_SameRootAsCodecReference()
    {
        var files = Files(700);
        var inOrder = new TreeIndex(K);
        Assert.Equal(CommitStatus.Ok, inOrder.Apply([.. files.Select(Put)], Stamp(1)).Status);
        var shuffled = files.ToArray();
        new Random(11).Shuffle(shuffled);
        var oneByOne = new TreeIndex(K);
        var time = 10L;
        foreach (var file in shuffled)
        {
            Assert.Equal(CommitStatus.Ok, oneByOne.Apply([Put(file)], Stamp(++time)).Status);
        }

        var loaded = new TreeIndex(K);
        Assert.Equal(0, loaded.Load(files));

        Assert.Equal(inOrder.RootHash, oneByOne.RootHash);
        Assert.Equal(inOrder.RootHash, loaded.RootHash);
        Assert.Equal(ReferenceHash(inOrder, "/d", K), inOrder.Get("/d")!.Hash);
        Assert.NotEqual(ReferenceHash(inOrder, "/d", MerkleCodec.MaxLeafChildren), inOrder.Get("/d")!.Hash);
    }

    [Fact]
    public void Apply_OneChangeInLargeDirectory_WritesOnlyItsBucketPath()
    {
        var index = new TreeIndex(K);
        index.Apply([.. Files(2000).Select(Put)], Stamp(1));

        var commit = index.Apply([Put(File("/d/f1234", 999))], Stamp(2)).Commit!;

        // Root leaf + "/d": top index (byte 0), index (byte 1), leaf (byte 2) at most one more level.
        var written = commit.Objects.Count(o => o.Kind == ObjectKind.Directory);
        Assert.InRange(written, 3, 5);
        Assert.Equal(["/d", "/d/f1234"], commit.Upserts.Select(e => e.Path));
        Assert.Empty(commit.Deletes);
        Assert.Equal(ReferenceHash(index, "/d", K), index.Get("/d")!.Hash);
    }

    [Fact]
    public void Apply_DeleteBackToK_CollapsesToTheLeafOfAFreshTree()
    {
        var files = Files(40);
        var index = new TreeIndex(K);
        index.Apply([.. files.Select(Put)], Stamp(1));

        var commit = index.Apply([.. files.Skip(K).Select(f => Delete(f.Path))], Stamp(2)).Commit!;

        var fresh = new TreeIndex(K);
        fresh.Apply([.. files.Take(K).Select(Put)], Stamp(3));
        Assert.Equal(fresh.RootHash, index.RootHash);
        Assert.Equal(40 - K, commit.Deletes.Count);
        Assert.Equal(K, index.List("/d", 0).Items.Count);
    }

    [Fact]
    public void TryApply_FailingCallInLargeDirectory_RollsBackItsEarlierChanges()
    {
        var files = Files(300);
        var index = new TreeIndex(K);
        index.Apply([.. files.Select(Put)], Stamp(1));
        var batch = index.Begin(Stamp(2));

        var result = batch.TryApply([Put(File("/d/new", 1)), Delete("/d/f7"), Put(File("/d/f3/under-a-file", 1))]);
        Assert.Equal(CommitStatus.Ok, batch.TryApply([Put(File("/d/other", 1))]).Status);
        var commit = batch.Build();
        index.Accept(batch);

        Assert.Equal(CommitStatus.PathConflict, result.Status);
        Assert.Equal(["/d", "/d/other"], commit.Upserts.Select(e => e.Path));
        Assert.Null(index.Get("/d/new"));
        Assert.NotNull(index.Get("/d/f7"));
        var expected = new TreeIndex(K);
        expected.Apply([.. files.Append(File("/d/other", 1)).Select(Put)], Stamp(3));
        Assert.Equal(expected.RootHash, index.RootHash);
    }

    [Fact]
    public void RootHash_RandomWritesAndDeletesAroundK_DependsOnlyOnFinalContent()
    {
        var names = Enumerable.Range(0, 24).Select(i => $"/d/n{i}").Concat(["/d/n1/x", "/d/n2/y"]).ToArray();
        Gen.Select(Gen.Int[0, names.Length - 1], Gen.Int[-1, 3], Gen.Int[0, 2]).Array[0, 80]
            .Sample(operations =>
            {
                var index = new TreeIndex(2);
                var time = 100L;
                foreach (var group in operations.Chunk(5))
                {
                    var batch = index.Begin(Stamp(++time));
                    foreach (var (name, content, _) in group)
                    {
                        batch.TryApply([content < 0 ? Delete(names[name]) : Put(File(names[name], content, ++time))]);
                    }

                    if (batch.HasChanges)
                    {
                        batch.Build();
                        index.Accept(batch);
                    }
                }

                var loaded = new TreeIndex(2);
                Assert.Equal(0, loaded.Load(index.Entries()));
                Assert.Equal(loaded.RootHash, index.RootHash);
                if (index.Get("/d") is { } directory)
                {
                    Assert.Equal(ReferenceHash(index, "/d", 2), directory.Hash);
                }
            }, iter: 300);
    }
}
