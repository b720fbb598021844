using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merkle;
using Xunit;

namespace AeorDb.Tests.Grains.Tree;

/// <summary>The tree grain keeps its silo's <c>LocalHead</c>: what it answered is cached until HEAD changes, and no longer.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class TreeGrainLocalHeadTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task Get_ThenCommitOfThePath_CachedEntryIsGoneBeforeTheCommitIsAnswered()
    {
        var path = GrainClusterFixture.NewDirectory() + "/file";
        var first = await fixture.StoreVersionAsync("first");
        var second = await fixture.StoreVersionAsync("second");
        Assert.Equal(CommitStatus.Ok, (await fixture.Tree.PutFileAsync(path, first.Hash, first.Size, first.ContentType)).Status);

        var read = await fixture.Tree.GetAsync(path);
        Assert.True(fixture.Head.TryGet(path, out var cached));
        Assert.Equal(read, cached);

        Assert.Equal(CommitStatus.Ok, (await fixture.Tree.PutFileAsync(path, second.Hash, second.Size, second.ContentType)).Status);
        Assert.False(fixture.Head.TryGet(path, out _));
        Assert.Equal(second.Hash, (await fixture.Tree.GetAsync(path))!.Hash);
        Assert.True(fixture.Head.TryGet(path, out var again));
        Assert.Equal(second.Hash, again!.Hash);
    }

    [Fact]
    public async Task Get_OfAMissingPath_IsCachedAsAbsentUntilACommitCreatesIt()
    {
        var path = GrainClusterFixture.NewDirectory() + "/later";
        var version = await fixture.StoreVersionAsync("later");

        Assert.Null(await fixture.Tree.GetAsync(path));
        Assert.True(fixture.Head.TryGet(path, out var absent));
        Assert.Null(absent);

        Assert.Equal(CommitStatus.Ok, (await fixture.Tree.PutFileAsync(path, version.Hash, version.Size, version.ContentType)).Status);
        Assert.False(fixture.Head.TryGet(path, out _));
        Assert.Equal(version.Hash, (await fixture.Tree.GetAsync(path))!.Hash);
    }

    [Fact]
    public async Task Commit_RefusedBecauseAnotherActivationMovedHead_AnswersNothingFromTheCacheUntilReloaded()
    {
        var directory = GrainClusterFixture.NewDirectory();
        var version = await fixture.StoreVersionAsync("moved");
        Assert.Equal(CommitStatus.Ok, (await fixture.Tree.PutFileAsync(directory + "/before", version.Hash, version.Size, version.ContentType)).Status);
        Assert.NotNull(await fixture.Tree.GetAsync(directory + "/before"));
        Assert.Null(await fixture.Tree.GetAsync(directory + "/other"));
        Assert.True(fixture.Head.TryGet(directory + "/other", out _));

        // Another silo's activation commits "/other" behind this one's back; this one learns it at its next commit.
        var store = fixture.TreeStore;
        var index = new TreeIndex();
        index.Load(await store.LoadCatalogAsync());
        var stamp = fixture.Clock.Next();
        var batch = index.Begin(stamp);
        var entry = new FileEntry(directory + "/other", EntryKind.File, version.Hash, version.Size, version.ContentType, null, stamp.VirtualTime, stamp.VirtualTime, stamp);
        Assert.Equal(CommitStatus.Ok, batch.TryApply([new TreeChange(directory + "/other", entry)]).Status);
        await store.CommitAsync(batch.Build() with { BaseRootHash = await store.GetHeadRootAsync() });
        await Assert.ThrowsAsync<TreeHeadMovedException>(() => fixture.Tree.PutFileAsync(directory + "/mine", version.Hash, version.Size, version.ContentType));

        Assert.False(fixture.Head.TryGet(directory + "/other", out _));
        Assert.False(fixture.Head.TryGet(directory + "/before", out _));
        Assert.True(await TestSupport.Poll.UntilAsync(async () => await fixture.Tree.GetAsync(directory + "/other") is not null, TimeSpan.FromSeconds(30)));
    }
}
