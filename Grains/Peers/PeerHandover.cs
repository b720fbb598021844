namespace AeorDb.Grains.Peers;

/// <summary>What a peer grain passes on when its peer is re-keyed under its real node id: the persisted base (with the sync_paths it was taken under) and clock statistics, and the §5.5 counters.</summary>
[GenerateSerializer, Immutable, Alias("aeordb.PeerHandover")]
public sealed record PeerHandover(
    [property: Id(0)] string? LastSyncedRootHash,
    [property: Id(1)] long? LastSyncAt,
    [property: Id(2)] double LastClockOffsetMs,
    [property: Id(3)] double LastWireTimeMs,
    [property: Id(4)] double LastJitterMs,
    [property: Id(5)] long? ClockStateAt,
    [property: Id(6)] long? LastSuccessAt,
    [property: Id(7)] long? LastAttemptAt,
    [property: Id(8)] string? LastError,
    [property: Id(9)] int ConsecutiveFailures,
    [property: Id(10)] long TotalSyncs,
    [property: Id(11)] long TotalFailures,
    [property: Id(12)] long? NextRetryAt,
    [property: Id(13)] string[]? BaseSyncPaths = null);
