using AeorDb.Grains.Interfaces;
using Xunit;

namespace AeorDb.Tests.Grains.Cluster;

[Collection(GrainClusterCollection.Name)]
public sealed class ClusterGrainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task GetNodeId_CalledAgain_SameNonZeroId()
    {
        var first = await fixture.Cluster.Client.GetGrain<IClusterGrain>(0).GetNodeIdAsync();
        var second = await fixture.Cluster.Client.GetGrain<IClusterGrain>(0).GetNodeIdAsync();

        Assert.NotEqual(0UL, first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task GetNodeId_AfterDeactivation_ReadsPersistedId()
    {
        var grain = fixture.Cluster.Client.GetGrain<IClusterGrain>(0);
        var before = await grain.GetNodeIdAsync();

        await fixture.Cluster.DeactivateAsync(grain.GetGrainId());

        Assert.Equal(before, await grain.GetNodeIdAsync());
    }
}
