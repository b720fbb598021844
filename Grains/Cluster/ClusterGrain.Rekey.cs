using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Cluster;

internal sealed partial class ClusterGrain
{
    public async Task<PeerRecord?> RekeyPeerAsync(ulong listedId, ulong realId)
    {
        if (listedId == realId || realId == 0 || realId == await GetNodeIdAsync())
        {
            return null;
        }

        var before = state.State.Peers;
        var index = before.FindIndex(p => p.NodeId == listedId);

        // Two addresses of one node stay two records: merging them would drop an address the operator chose.
        if (index < 0 || before.Exists(p => p.NodeId == realId))
        {
            return null;
        }

        var rekeyed = before[index] with { NodeId = realId };
        state.State.Peers = before.Select((p, i) => i == index ? rekeyed : p).ToList();
        await WriteOrRollBackAsync(before);
        return rekeyed;
    }
}
