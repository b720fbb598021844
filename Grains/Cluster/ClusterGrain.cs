using System.Buffers.Binary;
using System.Security.Cryptography;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Cluster;

/// <summary>The node's identity and peer list (key 0). The node id is made once, at the first call, and persisted.</summary>
internal sealed partial class ClusterGrain(
    [PersistentState("state", "aeordb")] IPersistentState<ClusterGrainState> state) : Grain, IClusterGrain
{
    /// <summary>How many join attempts the audit keeps.</summary>
    public const int JoinAuditLimit = 1000;

    public async Task<ulong> GetNodeIdAsync()
    {
        if (state.State.NodeId == 0)
        {
            state.State.NodeId = NewId();
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

    public async Task<PeerRecord> AddOrReplacePeerAsync(string address, string? label, IReadOnlyList<string> syncPaths)
    {
        await GetNodeIdAsync();
        var normalized = NormalizeAddress(address);
        var existing = state.State.Peers.FindIndex(p => p.Address == normalized);
        var id = existing >= 0 ? state.State.Peers[existing].NodeId : NewPeerId();
        return await PutAsync(new PeerRecord(id, normalized, label, syncPaths.ToArray()));
    }

    public async Task<PeerRecord> RegisterJoinerAsync(string address, string? label)
    {
        await GetNodeIdAsync();
        var normalized = NormalizeAddress(address);

        // A re-join is a new membership: a fresh id, as the contract says (§5.4).
        return await PutAsync(new PeerRecord(NewPeerId(), normalized, label, Array.Empty<string>()));
    }

    public async Task<PeerRecord> AdoptPeerAsync(ulong nodeId, string address, string? label)
    {
        if (nodeId == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nodeId), "0 never names a node.");
        }

        await GetNodeIdAsync();
        return await PutAsync(new PeerRecord(nodeId, NormalizeAddress(address), label, Array.Empty<string>()));
    }

    public async Task<bool> RemovePeerAsync(ulong nodeId)
    {
        var index = state.State.Peers.FindIndex(p => p.NodeId == nodeId);
        if (index < 0)
        {
            return false;
        }

        var before = state.State.Peers;
        state.State.Peers = before.Where((_, i) => i != index).ToList();
        await WriteOrRollBackAsync(before);
        return true;
    }

    public Task<IReadOnlyList<PeerRecord>> GetPeersAsync() => Task.FromResult<IReadOnlyList<PeerRecord>>(state.State.Peers.ToArray());

    public async Task RecordJoinAttemptAsync(JoinAuditEntry entry)
    {
        var audit = state.State.JoinAudit;
        audit.Add(entry);
        if (audit.Count > JoinAuditLimit)
        {
            audit.RemoveRange(0, audit.Count - JoinAuditLimit);
        }

        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<JoinAuditEntry>> GetJoinAuditAsync() => Task.FromResult<IReadOnlyList<JoinAuditEntry>>(state.State.JoinAudit.ToArray());

    // Collections in the state are plain arrays and lists: grain state is stored as JSON naming each concrete
    // type, and compiler-made collection types (from `[]` expressions) are refused by the type allow-list on load.

    /// <summary>A base URL as stored: trimmed, without trailing slashes.</summary>
    private static string NormalizeAddress(string address) => address.Trim().TrimEnd('/');

    /// <summary>Puts <paramref name="peer"/> where the peer with its address (or id) was, else at the end, dropping other holders of either.</summary>
    private async Task<PeerRecord> PutAsync(PeerRecord peer)
    {
        var before = state.State.Peers;
        var slot = before.FindIndex(p => p.Address == peer.Address || p.NodeId == peer.NodeId);
        List<PeerRecord> after = [];
        for (var i = 0; i < before.Count; i++)
        {
            if (i == slot)
            {
                after.Add(peer);
            }
            else if (before[i].Address != peer.Address && before[i].NodeId != peer.NodeId)
            {
                after.Add(before[i]);
            }
        }

        if (slot < 0)
        {
            after.Add(peer);
        }

        state.State.Peers = after;
        await WriteOrRollBackAsync(before);
        return peer;
    }

    private async Task WriteOrRollBackAsync(List<PeerRecord> before)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Peers = before;
            throw;
        }
    }

    /// <summary>A random id for a peer whose real id is unknown: not 0, not ours, not another peer's.</summary>
    private ulong NewPeerId()
    {
        ulong id;
        do
        {
            id = NewId();
        }
        while (id == state.State.NodeId || state.State.Peers.Exists(p => p.NodeId == id));

        return id;
    }

    /// <summary>A random non-zero id: 0 never names a node (CONTRACT §1.3).</summary>
    private static ulong NewId()
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
