using System.Buffers.Binary;
using System.Security.Cryptography;
using AeorDb.Grains.Interfaces;

namespace AeorDb.Grains.Cluster;

/// <summary>The node's identity (key 0). The node id is made once, at the first call, and persisted.</summary>
internal sealed class ClusterGrain(
    [PersistentState("state", "aeordb")] IPersistentState<ClusterGrainState> state) : Grain, IClusterGrain
{
    public async Task<ulong> GetNodeIdAsync()
    {
        if (state.State.NodeId == 0)
        {
            state.State.NodeId = NewNodeId();
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // Never hand out an id that is not durable: a restart would make another.
                state.State.NodeId = 0;
                throw;
            }
        }

        return state.State.NodeId;
    }

    /// <summary>A random non-zero id: 0 never names a peer (CONTRACT §1.3).</summary>
    private static ulong NewNodeId()
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        ulong id;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            id = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        }
        while (id == 0);

        return id;
    }
}
