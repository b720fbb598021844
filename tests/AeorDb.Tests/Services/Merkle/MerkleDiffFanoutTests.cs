using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merkle;
using AeorDb.Grains.Services.Storage;
using AeorDb.Tests.Services.Storage;
using Xunit;
using Tree = System.Collections.Generic.Dictionary<string, (AeorDb.Grains.Interfaces.Models.EntryKind Kind, string Content)>;

namespace AeorDb.Tests.Services.Merkle;

/// <summary>Diffs and historical listings over directories stored as index nodes (K shrunk).</summary>
public sealed class MerkleDiffFanoutTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture = new();
    private SqliteObjectStore _store = null!;

    public async Task InitializeAsync() => _store = await _fixture.OpenAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private static Tree Files(int count, string directory = "/d", string content = "c")
    {
        var tree = new Tree();
        for (var i = 0; i < count; i++)
        {
            tree[$"{directory}/f{i}"] = TestTree.File($"{content}{i}");
        }

        return tree;
    }

    [Fact]
    public async Task Diff_OneChangeIn5000ChildDirectory_ReadsOnlyItsBucketPath()
    {
        var tree = Files(5000, "/big");
        var before = await TestTree.CommitAsync(_store, tree, maxLeafChildren: 64);
        tree["/big/f4321"] = TestTree.File("changed");
        var after = await TestTree.CommitAsync(_store, tree, maxLeafChildren: 64);
        var counting = new CountingObjectStore(_store);

        var diff = await MerkleDiff.DiffAsync(counting, before, after, CancellationToken.None);

        Assert.Equal([new TreeDiffEntry("/big/f4321", EntryKind.File, TestTree.IdOf(EntryKind.File, "c4321"), TestTree.IdOf(EntryKind.File, "changed"))], diff.Modified);
        Assert.Empty(diff.Added);
        Assert.Empty(diff.Deleted);
        // Old and new: root leaf, "/big" top index, the one bucket leaf holding f4321.
        Assert.Equal(6, counting.Reads);
    }

    [Fact]
    public async Task Diff_DirectorySwitchesBetweenLeafAndIndex_ListsExactlyTheChanges()
    {
        var small = Files(8);
        var large = Files(12);
        large["/d/f3"] = TestTree.File("modified");
        var leafRoot = await TestTree.CommitAsync(_store, small, maxLeafChildren: 8);
        var indexRoot = await TestTree.CommitAsync(_store, large, maxLeafChildren: 8);

        var grown = await MerkleDiff.DiffAsync(_store, leafRoot, indexRoot, CancellationToken.None);
        var shrunk = await MerkleDiff.DiffAsync(_store, indexRoot, leafRoot, CancellationToken.None);

        Assert.Equal(["/d/f10", "/d/f11", "/d/f8", "/d/f9"], grown.Added.Select(e => e.Path));
        Assert.Equal(["/d/f3"], grown.Modified.Select(e => e.Path));
        Assert.Empty(grown.Deleted);
        Assert.Equal(["/d/f10", "/d/f11", "/d/f8", "/d/f9"], shrunk.Deleted.Select(e => e.Path));
        Assert.Equal(TestTree.IdOf(EntryKind.File, "modified"), shrunk.Modified.Single().OldHash);
        Assert.Empty(shrunk.Added);
    }

    [Fact]
    public async Task Diff_RandomTreesAroundK_MatchesTableComparison()
    {
        var random = new Random(5);
        for (var round = 0; round < 30; round++)
        {
            var before = RandomTree(random);
            var after = RandomTree(random);
            var k = round % 2 == 0 ? 1 : 3;
            var beforeRoot = await TestTree.CommitAsync(_store, before, k);
            var afterRoot = await TestTree.CommitAsync(_store, after, k);

            var diff = await MerkleDiff.DiffAsync(_store, beforeRoot, afterRoot, CancellationToken.None);

            Assert.Equal(before.Keys.Except(after.Keys).Order(StringComparer.Ordinal), diff.Deleted.Select(e => e.Path));
            Assert.Equal(after.Keys.Except(before.Keys).Order(StringComparer.Ordinal), diff.Added.Select(e => e.Path));
            Assert.Equal(
                before.Keys.Intersect(after.Keys).Where(p => before[p] != after[p]).Order(StringComparer.Ordinal),
                diff.Modified.Select(e => e.Path));
        }
    }

    [Fact]
    public async Task Diff_NoSinceRoot_AddsEveryChildOfIndexDirectory()
    {
        var root = await TestTree.CommitAsync(_store, Files(300), maxLeafChildren: 4);

        var diff = await MerkleDiff.DiffAsync(_store, null, root, CancellationToken.None);

        Assert.Equal(Files(300).Keys.Order(StringComparer.Ordinal), diff.Added.Select(e => e.Path));
    }

    [Fact]
    public async Task HistoricalList_IndexDirectory_ListsAndDescendsByName()
    {
        var tree = Files(50);
        tree["/d/sub/x"] = TestTree.File("x");
        var root = await TestTree.CommitAsync(_store, tree, maxLeafChildren: 4);
        var reader = new HistoricalTreeReader(_store);

        var listing = await reader.ListAsync(root, "/d", 0, _ => null);
        var nested = await reader.ListAsync(root, "/d/sub", 0, _ => null);
        var file = await reader.ListAsync(root, "/d/f7", 0, _ => null);
        var missing = await reader.ListAsync(root, "/d/nope/x", 0, _ => null);

        Assert.Equal(tree.Keys.Where(p => p != "/d/sub/x").Append("/d/sub").Order(StringComparer.Ordinal), listing.Items.Select(e => e.Path));
        Assert.Equal(["/d/sub/x"], nested.Items.Select(e => e.Path));
        Assert.True(file.Found);
        Assert.False(file.IsDirectory);
        Assert.False(missing.Found);
    }

    /// <summary>Up to 20 files in "/d" and a few in "/d/s", so directories and buckets cross K (1 or 3) both ways.</summary>
    private static Tree RandomTree(Random random)
    {
        var tree = new Tree();
        for (var i = 0; i < 20; i++)
        {
            if (random.Next(3) > 0)
            {
                tree[$"/d/f{i}"] = TestTree.File($"v{random.Next(2)}");
            }
        }

        for (var i = 0; i < 5; i++)
        {
            if (random.Next(2) > 0)
            {
                tree[$"/d/s/g{i}"] = TestTree.File($"v{random.Next(2)}");
            }
        }

        return tree;
    }
}
