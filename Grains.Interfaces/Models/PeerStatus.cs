namespace AeorDb.Grains.Interfaces.Models;

/// <summary>A peer's live state and sync counters, as <c>/sync/peers</c> reports them (CONTRACT §5.5).</summary>
/// <remarks>
/// <see cref="ReportedNodeId"/>: the node id the peer's heartbeats carry (its real id), once seen.
/// <see cref="NextAttemptAt"/>: local ms of the next reconnect or retried pull after failures, or null.
/// <see cref="Pull"/>: the running pull's progress, or null when none runs.
/// <see cref="LagSeconds"/> and <see cref="LagEntries"/>: how far this node is behind what the peer announced (its change
/// events not yet covered by a completed pull): the age of the oldest such event in seconds, and the entries they named.
/// Both are 0 when caught up.
/// <see cref="TotalPullsOk"/>: completed pulls (the successes of <see cref="TotalSyncs"/>).
/// <see cref="LastHeartbeatAt"/>: local ms of the last heartbeat on the live connection, or null.
/// </remarks>
[GenerateSerializer, Immutable, Alias("aeordb.PeerStatus")]
public sealed record PeerStatus(
    [property: Id(0)] PeerState State,
    [property: Id(1)] long? LastSyncAt,
    [property: Id(2)] long? LastSuccessAt,
    [property: Id(3)] long? LastAttemptAt,
    [property: Id(4)] string? LastError,
    [property: Id(5)] int ConsecutiveFailures,
    [property: Id(6)] long TotalSyncs,
    [property: Id(7)] long TotalFailures,
    [property: Id(8)] ulong? ReportedNodeId = null,
    [property: Id(9)] long? NextAttemptAt = null,
    [property: Id(10)] PullProgressStatus? Pull = null,
    [property: Id(11)] double LagSeconds = 0,
    [property: Id(12)] long LagEntries = 0,
    [property: Id(13)] long TotalPullsOk = 0,
    [property: Id(14)] long? LastHeartbeatAt = null);
