using Xunit;

namespace AeorDb.Tests.Grains.Tree;

/// <summary>Loading HEAD with the compacting collection at its end (<see cref="AeorDb.Grains.Tree.TreeCommitOptions.CompactAfterLoadEntries"/>).</summary>
public sealed class TreeGrainCompactingLoadTests(CompactingLoadClusterFixture fixture) : IClassFixture<CompactingLoadClusterFixture>
{
    [Fact]
    public async Task Activation_CompactingAfterTheLoad_ReloadsSameHeadAndTakesWrites()
    {
        var directory = GrainClusterFixture.NewDirectory();
        var version = await fixture.StoreVersionAsync("compacting load");
        for (var i = 0; i < 20; i++)
        {
            await fixture.File($"{directory}/d{i % 4}/f{i}").PutFileAsync(version.Hash, version.Size, version.ContentType);
        }

        var rootBefore = await fixture.Tree.GetRootHashAsync();
        var listedBefore = await fixture.Tree.ListAsync(directory, -1, null);
        var fullCollections = GC.CollectionCount(GC.MaxGeneration);

        await fixture.Cluster.DeactivateAsync(fixture.Tree.GetGrainId());

        Assert.Equal(rootBefore, await fixture.Tree.GetRootHashAsync());
        var listedAfter = await fixture.Tree.ListAsync(directory, -1, null);
        Assert.Equal(listedBefore.Items.OrderBy(e => e.Path, StringComparer.Ordinal), listedAfter.Items.OrderBy(e => e.Path, StringComparer.Ordinal));
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > fullCollections, "the load ran no full collection");
        await fixture.File(directory + "/after").PutFileAsync(version.Hash, version.Size, version.ContentType);
        Assert.NotNull(await fixture.Tree.GetAsync(directory + "/after"));
    }
}
