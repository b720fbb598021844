using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Interfaces;

/// <summary>The node's identity and cluster membership (one activation, key 0). Node-local: never replicated.</summary>
public interface IClusterGrain : IGrainWithIntegerKey
{
    /// <summary>This node's id: random, non-zero, made at first start and persisted.</summary>
    Task<ulong> GetNodeIdAsync();

    /// <summary>
    /// Adds a peer by address (<c>POST /sync/peers</c>, <c>--peers</c>). Idempotent by exact address (after
    /// trimming a trailing slash): an existing peer with that address keeps its id and gets the new label and paths.
    /// </summary>
    Task<PeerRecord> AddOrReplacePeerAsync(string address, string? label, IReadOnlyList<string> syncPaths);

    /// <summary>Registers a node that joined through us (<c>POST /sync/join</c>) under a fresh id, replacing any peer with that address.</summary>
    Task<PeerRecord> RegisterJoinerAsync(string address, string? label);

    /// <summary>Stores the node we joined under its real id, replacing any peer with that address or id.</summary>
    Task<PeerRecord> AdoptPeerAsync(ulong nodeId, string address, string? label);

    /// <summary>
    /// Re-keys the peer listed as <paramref name="listedId"/> under <paramref name="realId"/>, the node id its
    /// heartbeats carry (CONTRACT §6.1: learn the real id instead of keeping a random label). Returns the re-keyed
    /// record, or null when nothing changed: no peer has <paramref name="listedId"/>, <paramref name="realId"/> is 0
    /// or this node's own id, or another peer (another address of the same node) already holds it.
    /// </summary>
    Task<PeerRecord?> RekeyPeerAsync(ulong listedId, ulong realId);

    /// <summary>Removes a peer; false when no peer has that id.</summary>
    Task<bool> RemovePeerAsync(ulong nodeId);

    /// <summary>All peers, in the order they were added.</summary>
    Task<IReadOnlyList<PeerRecord>> GetPeersAsync();

    /// <summary>
    /// Records one join attempt. The audit is node-local grain state (DESIGN), never a file in the tree: the tree
    /// is what converged nodes compare by root hash, and another node's audit never replicates there.
    /// The newest 1 000 attempts are kept.
    /// </summary>
    Task RecordJoinAttemptAsync(JoinAuditEntry entry);

    /// <summary>The recorded join attempts, oldest first.</summary>
    Task<IReadOnlyList<JoinAuditEntry>> GetJoinAuditAsync();
}
