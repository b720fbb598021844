using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Cluster;

/// <summary>Persisted, node-local state of the <see cref="ClusterGrain"/>.</summary>
[GenerateSerializer, Alias("aeordb.ClusterGrainState")]
internal sealed class ClusterGrainState
{
    /// <summary>This node's id; 0 until first made.</summary>
    [Id(0)]
    public ulong NodeId { get; set; }

    /// <summary>The peers, in the order they were added.</summary>
    [Id(1)]
    public List<PeerRecord> Peers { get; set; } = [];

    /// <summary>Join attempts answered by this node, oldest first (at most <see cref="ClusterGrain.JoinAuditLimit"/>).</summary>
    [Id(2)]
    public List<JoinAuditEntry> JoinAudit { get; set; } = [];
}
