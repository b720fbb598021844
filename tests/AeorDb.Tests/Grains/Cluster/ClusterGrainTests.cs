using AeorDb.Grains.Cluster;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
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

    [Fact]
    public async Task RecordJoinAttempt_ManyAttempts_KeepsTheNewestInOrderAcrossDeactivation()
    {
        var grain = fixture.Cluster.Client.GetGrain<IClusterGrain>(0);
        var marker = Guid.NewGuid().ToString("N");
        for (var i = 0; i < ClusterGrain.JoinAuditLimit + 5; i++)
        {
            await grain.RecordJoinAttemptAsync(new JoinAuditEntry(i, "10.0.0.1", $"http://{marker}-{i}", "rejected: missing node_url"));
        }

        await fixture.Cluster.DeactivateAsync(grain.GetGrainId());
        var audit = await grain.GetJoinAuditAsync();

        Assert.Equal(ClusterGrain.JoinAuditLimit, audit.Count);
        Assert.Equal($"http://{marker}-{ClusterGrain.JoinAuditLimit + 4}", audit[^1].NodeUrl);
        Assert.Equal($"http://{marker}-5", audit[0].NodeUrl);
    }
}
