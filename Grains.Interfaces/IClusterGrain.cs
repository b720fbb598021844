namespace AeorDb.Grains.Interfaces;

/// <summary>The node's identity and cluster membership (one activation, key 0). Node-local: never replicated.</summary>
public interface IClusterGrain : IGrainWithIntegerKey
{
    /// <summary>This node's id: random, non-zero, made at first start and persisted.</summary>
    Task<ulong> GetNodeIdAsync();
}
