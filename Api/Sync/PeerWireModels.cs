namespace AeorDb.Api.Sync;

/// <summary>Body of <c>POST /sync/peers</c> (CONTRACT §5.5).</summary>
internal sealed record AddPeerRequest(string? Address, string? Label, IReadOnlyList<string>? SyncPaths);

/// <summary>The 201 of <c>POST /sync/peers</c>.</summary>
internal sealed record PeerCreatedBody(ulong NodeId, string Address, string? Label, string State);

/// <summary>The contract's <c>&lt;peer&gt;</c> (CONTRACT §5.5).</summary>
internal sealed record PeerBody(ulong NodeId, string Address, string? Label, string State, long? LastSyncAt, PeerSyncStatusBody SyncStatus);

/// <summary>
/// A peer's sync counters (<c>total_syncs</c> counts failures too), plus additive fields: <c>next_attempt_at</c> (local
/// ms of the next reconnect or retried pull while backing off after failures, else null), <c>pull</c> (the running
/// pull's progress, else null), <c>lag_seconds</c> and <c>lag_entries</c> (the age of the oldest change the peer
/// announced that no completed pull covers yet, and the entries those announcements named; 0 when caught up),
/// <c>total_pulls_ok</c> and <c>last_heartbeat_at</c> (local ms, null before the first on this connection).
/// </summary>
internal sealed record PeerSyncStatusBody(
    long? LastSuccessAt, long? LastAttemptAt, string? LastError, long ConsecutiveFailures, long TotalSyncs, long TotalFailures, long? NextAttemptAt,
    PeerPullBody? Pull = null, double LagSeconds = 0, long LagEntries = 0, long TotalPullsOk = 0, long? LastHeartbeatAt = null)
{
    /// <summary>A peer nothing has been attempted with yet.</summary>
    public static readonly PeerSyncStatusBody None = new(null, null, null, 0, 0, 0, null);
}

/// <summary>A running pull: its start (local ms), step (<c>diff</c>, <c>chunks</c>, <c>merge</c>), entries whose content is here and chunk bytes fetched, each out of the diff's total.</summary>
internal sealed record PeerPullBody(long StartedAt, string Phase, long EntriesDone, long EntriesTotal, long BytesDone, long BytesTotal);

/// <summary>The 200 of <c>GET /sync/peers</c>.</summary>
internal sealed record PeerListBody(IReadOnlyList<PeerBody> Items);

/// <summary>The 200 of <c>DELETE /sync/peers/{node_id}</c>.</summary>
internal sealed record PeerRemovedBody(bool Removed, ulong NodeId);

/// <summary>The 200 of <c>GET /sync/status</c>.</summary>
internal sealed record SyncStatusBody(ulong? NodeId, int PeerCount, IReadOnlyList<PeerBody> Peers);

/// <summary>Body of <c>POST /sync/join</c> (CONTRACT §5.4).</summary>
internal sealed record JoinRequest(string? NodeUrl, string? Label);

/// <summary>The 200 of <c>POST /sync/join</c>: the shared signing key (base64 seed) and both ids.</summary>
internal sealed record JoinResponse(string SigningKey, ulong RespondingNodeId, ulong NewPeerNodeId);

