using AeorDb.Grains.Interfaces;
using Xunit;

namespace AeorDb.Tests.Grains.Cluster;

/// <summary>Re-keying a peer under the real node id its heartbeats carry (CONTRACT §6.1 gap).</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class ClusterGrainRekeyTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task RekeyPeer_RealId_KeepsAddressLabelPathsAndPlace_AcrossDeactivation()
    {
        var grain = FreshCluster();
        var first = await grain.AddOrReplacePeerAsync("http://b.test:6830", "B", ["/docs/**"]);
        var second = await grain.AddOrReplacePeerAsync("http://c.test:6830", null, []);

        var rekeyed = await grain.RekeyPeerAsync(first.NodeId, 424242);

        Assert.NotNull(rekeyed);
        Assert.Equal((424242UL, "http://b.test:6830", "B"), (rekeyed.NodeId, rekeyed.Address, rekeyed.Label));
        Assert.Equal(["/docs/**"], rekeyed.SyncPaths);
        await fixture.Cluster.DeactivateAsync(grain.GetGrainId());
        var peers = await grain.GetPeersAsync();
        Assert.Equal([424242UL, second.NodeId], peers.Select(p => p.NodeId));

        // The address stays idempotent under the real id.
        Assert.Equal(424242UL, (await grain.AddOrReplacePeerAsync("http://b.test:6830/", "B", [])).NodeId);
    }

    [Fact]
    public async Task RekeyPeer_UnknownOwnZeroOrTakenId_ChangesNothing()
    {
        var grain = FreshCluster();
        var own = await grain.GetNodeIdAsync();
        var b = await grain.AddOrReplacePeerAsync("http://b.test:6830", null, []);
        var c = await grain.AddOrReplacePeerAsync("http://c.test:6830", null, []);

        Assert.Null(await grain.RekeyPeerAsync(b.NodeId, 0));
        Assert.Null(await grain.RekeyPeerAsync(b.NodeId, own));
        Assert.Null(await grain.RekeyPeerAsync(b.NodeId, c.NodeId));
        Assert.Null(await grain.RekeyPeerAsync(b.NodeId ^ c.NodeId ^ 1, 77));

        Assert.Equal([b.NodeId, c.NodeId], (await grain.GetPeersAsync()).Select(p => p.NodeId));
    }

    private IClusterGrain FreshCluster() => fixture.Cluster.Client.GetGrain<IClusterGrain>(Random.Shared.NextInt64(1, long.MaxValue));
}
