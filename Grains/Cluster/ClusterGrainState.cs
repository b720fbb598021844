namespace AeorDb.Grains.Cluster;

/// <summary>Persisted, node-local state of the <see cref="ClusterGrain"/>.</summary>
[GenerateSerializer, Alias("aeordb.ClusterGrainState")]
internal sealed class ClusterGrainState
{
    /// <summary>This node's id; 0 until first made.</summary>
    [Id(0)]
    public ulong NodeId { get; set; }
}
