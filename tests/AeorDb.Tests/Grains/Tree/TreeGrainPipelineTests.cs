using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Tree;
using Xunit;

namespace AeorDb.Tests.Grains.Tree;

/// <summary>Two batches in flight (<see cref="TreeCommitOptions.PipelineDepth"/>): the second is formed on what the first leaves.</summary>
public sealed class TreeGrainPipelineTests(PipelineClusterFixture fixture) : IClassFixture<PipelineClusterFixture>
{
    [Fact]
    public async Task PutFile_WhileABatchIsHeldInTheStore_NextBatchIsHandedOverBehindItAndBothLand()
    {
        var directory = GrainClusterFixture.NewDirectory();
        var version = await fixture.StoreVersionAsync("pipelined");
        var store = fixture.TreeStore;
        var commitsBefore = store.Commits;
        Task<WriteResult> first, second;
        using (var hold = store.Hold())
        {
            first = Put(directory + "/a/first", version);
            await PollAsync(() => store.Commits == commitsBefore + 1);
            second = Put(directory + "/a/second", version);
            await PollAsync(() => store.Commits == commitsBefore + 2);

            Assert.Equal(2, BatchesInFlight());
            Assert.False(first.IsCompleted);
            Assert.False(second.IsCompleted);
            Assert.Null(await fixture.Tree.GetAsync(directory + "/a/first")); // HEAD holds only what is durable
            hold.Release();
        }

        Assert.Equal(CommitStatus.Ok, (await first).Status);
        Assert.Equal(CommitStatus.Ok, (await second).Status);
        var listed = await fixture.Tree.ListAsync(directory + "/a", 0, null);
        Assert.Equal(["first", "second"], listed.Items.Select(e => e.Path[(directory.Length + 3)..]).Order(StringComparer.Ordinal));
        Assert.Equal(await fixture.Tree.GetRootHashAsync(), await store.GetHeadRootAsync());
    }

    [Fact]
    public async Task CommitAsync_RefusedOnWhatTheBatchBelowLeaves_AnsweredOnlyOnceThatIsDurable()
    {
        var directory = GrainClusterFixture.NewDirectory();
        var version = await fixture.StoreVersionAsync("below");
        var store = fixture.TreeStore;
        var commitsBefore = store.Commits;
        Task<WriteResult> put;
        Task<CommitResult> conflict;
        using (var hold = store.Hold())
        {
            put = Put(directory + "/x", version);
            await PollAsync(() => store.Commits == commitsBefore + 1);

            // A file under the file the held batch puts: refused on what that batch leaves, answered once it is durable.
            conflict = fixture.Tree.CommitAsync([new TreeChange(directory + "/x/under", Entry(directory + "/x/under", version))]);
            await PollAsync(() => BatchesInFlight() == 2);
            Assert.False(conflict.IsCompleted);
            hold.Release();
        }

        Assert.Equal(CommitStatus.Ok, (await put).Status);
        Assert.Equal(CommitStatus.PathConflict, (await conflict).Status);
        Assert.Equal(commitsBefore + 1, store.Commits);
    }

    [Fact]
    public async Task CommitAsync_DeleteOfThePutTheBatchBelowHolds_ExpectsItAndBothLand()
    {
        var directory = GrainClusterFixture.NewDirectory();
        var version = await fixture.StoreVersionAsync("deleted");
        var store = fixture.TreeStore;
        var commitsBefore = store.Commits;
        Task<WriteResult> put;
        Task<CommitResult> delete;
        using (var hold = store.Hold())
        {
            put = Put(directory + "/y", version);
            await PollAsync(() => store.Commits == commitsBefore + 1);
            delete = fixture.Tree.CommitAsync([new TreeChange(directory + "/y", null, ExpectedHash: version.Hash)]);
            await PollAsync(() => store.Commits == commitsBefore + 2);
            hold.Release();
        }

        Assert.Equal(CommitStatus.Ok, (await put).Status);
        Assert.Equal(CommitStatus.Ok, (await delete).Status);
        Assert.Null(await fixture.Tree.GetAsync(directory + "/y"));
        var history = await fixture.File(directory + "/y").GetHistoryAsync();
        Assert.Equal([EntryKind.Deletion, EntryKind.File], history.Select(e => e.Kind));
        Assert.Equal(await fixture.Tree.GetRootHashAsync(), await store.GetHeadRootAsync());
    }

    [Fact]
    public async Task PutFile_BatchBelowFailsInTheStore_BatchOnItFailsWithItAndTheTreeGoesOn()
    {
        var directory = GrainClusterFixture.NewDirectory();
        var version = await fixture.StoreVersionAsync("fails");
        var store = fixture.TreeStore;
        var rootBefore = await fixture.Tree.GetRootHashAsync();
        var commitsBefore = store.Commits;
        Task<WriteResult> first, second;
        using (var hold = store.Hold())
        {
            store.FailOnce = new IOException("disk full");
            first = Put(directory + "/first", version);
            await PollAsync(() => store.Commits == commitsBefore + 1);
            second = Put(directory + "/second", version);
            await PollAsync(() => store.Commits == commitsBefore + 2);
            hold.Release();
        }

        // The second reached the real store, which refused it (based on a root never stored); its callers get the first's cause.
        await Assert.ThrowsAsync<IOException>(() => first);
        await Assert.ThrowsAsync<IOException>(() => second);
        Assert.Null(store.FailOnce);
        Assert.Equal(rootBefore, await fixture.Tree.GetRootHashAsync());
        Assert.Equal(rootBefore, await store.GetHeadRootAsync());
        Assert.Null(await fixture.Tree.GetAsync(directory + "/second"));
        Assert.Empty(await fixture.File(directory + "/second").GetHistoryAsync());

        // The activation is not stale: the next write lands.
        Assert.Equal(CommitStatus.Ok, (await Put(directory + "/second", version)).Status);
        Assert.Equal(await fixture.Tree.GetRootHashAsync(), await store.GetHeadRootAsync());
    }

    private Task<WriteResult> Put(string path, FileVersion version) => fixture.Tree.PutFileAsync(path, version.Hash, version.Size, version.ContentType);

    private static FileEntry Entry(string path, FileVersion version) =>
        new(path, EntryKind.File, version.Hash, version.Size, version.ContentType, null, 0, 0, new VersionStamp(0, 0));

    private int BatchesInFlight() =>
        fixture.Cluster.TryGetGrainContext(fixture.Tree.GetGrainId(), out var context) && context.GrainInstance is TreeGrain grain
            ? grain.BatchesInFlight
            : -1;

    private static async Task PollAsync(Func<bool> condition) =>
        Assert.True(await TestSupport.Poll.UntilAsync(condition, TimeSpan.FromSeconds(20)), "Condition not reached before the deadline.");
}
