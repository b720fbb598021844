using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merkle;
using Xunit;

namespace AeorDb.Tests.Grains.Tree;

/// <summary>
/// A second activation of the tree (another silo of the node on the same store) commits behind this one's
/// back: this activation's next commit is refused, retryably, and the retry lands on top of both.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class TreeGrainHeadMovedTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task PutFile_AfterAnotherActivationCommitted_FailsRetryablyThenKeepsBothWrites()
    {
        var directory = GrainClusterFixture.NewDirectory();
        var version = await fixture.StoreVersionAsync("both");
        Assert.Equal(CommitStatus.Ok, (await fixture.File(directory + "/before").PutFileAsync(version.Hash, version.Size, version.ContentType)).Status);

        await CommitAsOtherSiloAsync(directory + "/other", version);
        var refused = await Assert.ThrowsAsync<TreeHeadMovedException>(
            () => fixture.File(directory + "/mine").PutFileAsync(version.Hash, version.Size, version.ContentType));
        Assert.Contains("Retry", refused.Message);
        Assert.Null(await fixture.TreeStore.GetCatalogEntryAsync(directory + "/mine"));

        // The refused activation went away; the retry reloads HEAD (with the other silo's file) and commits on top.
        WriteResult retried = null!;
        Assert.True(await TestSupport.Poll.UntilAsync(
            async () =>
            {
                try
                {
                    retried = await fixture.File(directory + "/mine").PutFileAsync(version.Hash, version.Size, version.ContentType);
                    return true;
                }
                catch (TreeHeadMovedException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30)));

        Assert.Equal(CommitStatus.Ok, retried.Status);
        var listed = await fixture.Tree.ListAsync(directory, 0, null);
        Assert.Equal([directory + "/before", directory + "/mine", directory + "/other"], listed.Items.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal(await fixture.TreeStore.GetHeadRootAsync(), await fixture.Tree.GetRootHashAsync());
    }

    [Fact]
    public async Task Reactivation_WhileCatalogLoads_PointReadsAndSmallListingsAnswerFromCatalogAndTheRestWaits()
    {
        var directory = GrainClusterFixture.NewDirectory();
        var version = await fixture.StoreVersionAsync("loading");
        Assert.Equal(CommitStatus.Ok, (await fixture.Tree.PutFileAsync(directory + "/before", version.Hash, version.Size, version.ContentType)).Status);
        await CommitAsOtherSiloAsync(directory + "/other", version);
        await Assert.ThrowsAsync<TreeHeadMovedException>(() => fixture.Tree.PutFileAsync(directory + "/mine", version.Hash, version.Size, version.ContentType));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.TreeStore.CatalogGate = gate;
        try
        {
            // The stale activation goes away; the next one's load is held at the gate, yet it serves the other silo's file.
            FileEntry? other = null;
            Assert.True(await TestSupport.Poll.UntilAsync(async () => (other = await fixture.Tree.GetAsync(directory + "/other")) is not null, TimeSpan.FromSeconds(30)));
            Assert.Equal(await fixture.TreeStore.GetCatalogEntryAsync(directory + "/other"), other);
            var root = fixture.Tree.GetRootHashAsync();
            var put = fixture.Tree.PutFileAsync(directory + "/after", version.Hash, version.Size, version.ContentType);
            Assert.Equal(version.Hash, (await fixture.Tree.GetAsync(directory + "/before"))!.Hash);
            var small = await fixture.Tree.ListAsync(directory, 0, null);
            Assert.Equal([directory + "/before", directory + "/other"], small.Items.Select(e => e.Path).Order(StringComparer.Ordinal));
            Assert.False((await fixture.Tree.ListAsync(directory + "/before", 0, null)).IsDirectory);
            Assert.False(root.IsCompleted);
            Assert.False(put.IsCompleted);

            gate.SetResult();
            Assert.Equal(CommitStatus.Ok, (await put).Status);
            Assert.Equal(await fixture.TreeStore.GetHeadRootAsync(), await fixture.Tree.GetRootHashAsync());
            Assert.NotNull(await root);
            var listed = await fixture.Tree.ListAsync(directory, 0, null);
            Assert.Equal([directory + "/after", directory + "/before", directory + "/other"], listed.Items.Select(e => e.Path).Order(StringComparer.Ordinal));
        }
        finally
        {
            fixture.TreeStore.CatalogGate = null;
            gate.TrySetResult();
        }
    }

    /// <summary>Commits a file the way a tree activation on another silo would: from the stored catalog, on the stored HEAD.</summary>
    private async Task CommitAsOtherSiloAsync(string path, FileVersion version)
    {
        var store = fixture.TreeStore;
        var index = new TreeIndex();
        index.Load(await store.LoadCatalogAsync());
        var stamp = fixture.Clock.Next();
        var batch = index.Begin(stamp);
        var entry = new FileEntry(path, EntryKind.File, version.Hash, version.Size, version.ContentType, null, stamp.VirtualTime, stamp.VirtualTime, stamp);
        Assert.Equal(CommitStatus.Ok, batch.TryApply([new TreeChange(path, entry)]).Status);
        await store.CommitAsync(batch.Build() with { BaseRootHash = await store.GetHeadRootAsync() });
    }
}
