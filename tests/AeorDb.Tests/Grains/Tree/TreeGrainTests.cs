using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Tree;
using Xunit;

namespace AeorDb.Tests.Grains.Tree;

[Collection(GrainClusterCollection.Name)]
public sealed class TreeGrainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task PutFile_ConcurrentToDifferentPaths_AllLandInFewCommits()
    {
        var directory = GrainClusterFixture.NewDirectory();
        var version = await fixture.StoreVersionAsync("many");
        var store = fixture.TreeStore;
        var commitsBefore = store.Commits;
        using (var hold = store.Hold())
        {
            // The first write holds the store; the next twenty must queue behind it and share one batch.
            var first = fixture.File(directory + "/first").PutFileAsync(version.Hash, version.Size, version.ContentType);
            await PollAsync(() => store.Commits == commitsBefore + 1);
            var rest = Enumerable.Range(0, 20).Select(i => fixture.File($"{directory}/d{i % 3}/f{i}").PutFileAsync(version.Hash, version.Size, version.ContentType)).ToArray();
            await PollAsync(() => QueuedCommits() == rest.Length);
            hold.Release();

            var results = await Task.WhenAll(rest.Append(first));

            Assert.All(results, r => Assert.Equal(CommitStatus.Ok, r.Status));
            Assert.Equal(commitsBefore + 2, store.Commits);
        }

        var listed = await fixture.Tree.ListAsync(directory, -1, null);
        Assert.Equal(21, listed.Items.Count(e => e.Kind == EntryKind.File));
        Assert.Equal(3, listed.Items.Count(e => e.Kind == EntryKind.Directory));
    }

    [Fact]
    public async Task CommitAsync_ValidAndInvalidCallsInOneBatch_EachAnsweredAlone()
    {
        var directory = GrainClusterFixture.NewDirectory();
        var version = await fixture.StoreVersionAsync("mixed");
        var entry = new FileEntry(directory + "/ok", EntryKind.File, version.Hash, version.Size, version.ContentType, null, 1, 1, new VersionStamp(1, 42));
        var store = fixture.TreeStore;
        var commitsBefore = store.Commits;
        using (var hold = store.Hold())
        {
            var holder = fixture.Tree.CommitAsync([new TreeChange(directory + "/holder", entry with { Path = directory + "/holder" })]);
            await PollAsync(() => store.Commits == commitsBefore + 1);
            var ok = fixture.Tree.CommitAsync([new TreeChange(entry.Path, entry)]);
            var conflict = fixture.Tree.CommitAsync([new TreeChange(directory + "/holder/under", entry with { Path = directory + "/holder/under" })]);
            var missing = fixture.Tree.CommitAsync([new TreeChange(directory + "/missing", null)]);
            await PollAsync(() => QueuedCommits() == 3);
            hold.Release();

            Assert.Equal(CommitStatus.Ok, (await holder).Status);
            Assert.Equal(CommitStatus.Ok, (await ok).Status);
            Assert.Equal(CommitStatus.PathConflict, (await conflict).Status);
            Assert.Equal(CommitStatus.NotFound, (await missing).Status);
            Assert.Equal((await ok).RootHash, await fixture.Tree.GetRootHashAsync());
        }
    }

    [Fact]
    public async Task CommitAsync_StoreFails_HeadUnchanged()
    {
        var path = GrainClusterFixture.NewDirectory() + "/never";
        var version = await fixture.StoreVersionAsync("never");
        var rootBefore = await fixture.Tree.GetRootHashAsync();
        fixture.TreeStore.FailWith = new IOException("disk full");
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => fixture.File(path).PutFileAsync(version.Hash, version.Size, version.ContentType));
        }
        finally
        {
            fixture.TreeStore.FailWith = null;
        }

        Assert.Equal(rootBefore, await fixture.Tree.GetRootHashAsync());
        Assert.Null(await fixture.Tree.GetAsync(path));
        Assert.Empty(await fixture.File(path).GetHistoryAsync());
        Assert.Equal(CommitStatus.Ok, (await fixture.File(path).PutFileAsync(version.Hash, version.Size, version.ContentType)).Status);
    }

    [Fact]
    public async Task ListAsync_OldRoot_ListsPastContent()
    {
        var directory = GrainClusterFixture.NewDirectory();
        var v1 = await fixture.StoreVersionAsync("first version", "text/markdown");
        var v2 = await fixture.StoreVersionAsync("second", "text/plain");
        await fixture.File(directory + "/a").PutFileAsync(v1.Hash, v1.Size, v1.ContentType);
        await fixture.File(directory + "/sub/l").PutSymlinkAsync("/target");
        var oldRoot = await fixture.Tree.GetRootHashAsync();
        var keptSymlink = await fixture.Tree.GetAsync(directory + "/sub/l");

        await fixture.File(directory + "/a").PutFileAsync(v2.Hash, v2.Size, v2.ContentType);
        await fixture.File(directory + "/b").PutFileAsync(v2.Hash, v2.Size, v2.ContentType);
        var past = await fixture.Tree.ListAsync(directory, -1, oldRoot.ToUpperInvariant());
        var now = await fixture.Tree.ListAsync(directory, 0, null);

        Assert.True(past.Found && past.IsDirectory);
        Assert.Equal([directory + "/a", directory + "/sub", directory + "/sub/l"], past.Items.Select(e => e.Path).Order(StringComparer.Ordinal));
        var a = past.Items.Single(e => e.Path == directory + "/a");
        Assert.Equal(v1.Hash, a.Hash);
        Assert.Equal(v1.Size, a.Size);
        Assert.Equal("text/markdown", a.ContentType);
        Assert.Equal(0, a.UpdatedAt);
        Assert.Equal(keptSymlink, past.Items.Single(e => e.Path == directory + "/sub/l"));
        Assert.Equal(3, now.Items.Count);
        Assert.True(await fixture.Tree.IsKnownRootAsync(oldRoot));
        Assert.False(await fixture.Tree.IsKnownRootAsync(new string('0', 64)));
        Assert.False((await fixture.Tree.ListAsync(directory, 0, new string('0', 64))).Found);
        Assert.False((await fixture.Tree.ListAsync(directory + "/b", 0, oldRoot)).Found);
        Assert.False((await fixture.Tree.ListAsync(directory + "/a", 0, oldRoot)).IsDirectory);
    }

    [Fact]
    public async Task GetAsync_Root_IsDirectoryWithRootHash()
    {
        var root = await fixture.Tree.GetAsync("/");

        Assert.Equal(EntryKind.Directory, root!.Kind);
        Assert.Equal(await fixture.Tree.GetRootHashAsync(), root.Hash);
    }

    [Fact]
    public async Task RootHash_AfterCommits_MatchesStoredHead()
    {
        var version = await fixture.StoreVersionAsync("head");
        await fixture.File(GrainClusterFixture.NewDirectory() + "/h").PutFileAsync(version.Hash, version.Size, version.ContentType);

        Assert.Equal(await fixture.TreeStore.GetHeadRootAsync(), await fixture.Tree.GetRootHashAsync());
    }

    [Fact]
    public async Task Activation_AfterDeactivation_ReloadsSameHeadFromCatalog()
    {
        var directory = GrainClusterFixture.NewDirectory();
        var version = await fixture.StoreVersionAsync("reload");
        await fixture.File(directory + "/x/file").PutFileAsync(version.Hash, version.Size, version.ContentType);
        await fixture.File(directory + "/link").PutSymlinkAsync(directory + "/x/file");
        await fixture.File(directory + "/gone/f").PutFileAsync(version.Hash, version.Size, version.ContentType);
        await fixture.File(directory + "/gone/f").DeleteAsync(null);
        var rootBefore = await fixture.Tree.GetRootHashAsync();
        var listedBefore = await fixture.Tree.ListAsync(directory, -1, null);

        await fixture.Cluster.DeactivateAsync(fixture.Tree.GetGrainId());

        Assert.Equal(rootBefore, await fixture.Tree.GetRootHashAsync());
        var listedAfter = await fixture.Tree.ListAsync(directory, -1, null);
        Assert.Equal(listedBefore.Items.OrderBy(e => e.Path, StringComparer.Ordinal), listedAfter.Items.OrderBy(e => e.Path, StringComparer.Ordinal));
    }

    private int QueuedCommits()
    {
        var tree = fixture.Tree;
        return fixture.Cluster.TryGetGrainContext(tree.GetGrainId(), out var context) && context.GrainInstance is TreeGrain grain
            ? grain.QueuedCommits
            : -1;
    }

    private static async Task PollAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Condition not reached before the deadline.");
            await Task.Yield();
            await Task.Delay(5);
        }
    }
}
