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
