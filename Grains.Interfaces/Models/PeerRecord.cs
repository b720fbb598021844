namespace AeorDb.Grains.Interfaces.Models;

/// <summary>A persisted peer of this node (CONTRACT §5.5). Node-local: never replicated.</summary>
/// <param name="NodeId">The peer's id: its real node id once known (join), else a random non-zero placeholder.</param>
/// <param name="Address">Base URL without a trailing slash; requests go to <c>&lt;address&gt;/sync/diff</c>.</param>
/// <param name="Label">A human label, or null.</param>
/// <param name="SyncPaths">Glob patterns limiting what is pulled from the peer; empty = everything.</param>
[GenerateSerializer, Immutable, Alias("aeordb.PeerRecord")]
public sealed record PeerRecord(
    [property: Id(0)] ulong NodeId,
    [property: Id(1)] string Address,
    [property: Id(2)] string? Label,
    [property: Id(3)] IReadOnlyList<string> SyncPaths);
