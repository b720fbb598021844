namespace AeorDb.Grains.Peers;

/// <summary>
/// What of a peer must survive a restart (CONTRACT §6.1 step 6, §6.3): the sync base and the clock statistics.
/// The connection state is not here: every process starts each peer disconnected.
/// </summary>
[GenerateSerializer, Alias("aeordb.PeerGrainState")]
internal sealed class PeerGrainState
{
    /// <summary>The peer's root hash at the last successful pull; null before the first.</summary>
    [Id(0)]
    public string? LastSyncedRootHash { get; set; }

    /// <summary>Local ms of the last successful pull.</summary>
    [Id(1)]
    public long? LastSyncAt { get; set; }

    /// <summary>The clock offset average when the peer last settled.</summary>
    [Id(2)]
    public double LastClockOffsetMs { get; set; }

    /// <summary>The wire time average when the peer last settled.</summary>
    [Id(3)]
    public double LastWireTimeMs { get; set; }

    /// <summary>The jitter average when the peer last settled.</summary>
    [Id(4)]
    public double LastJitterMs { get; set; }

    /// <summary>Local ms the statistics were saved; null when never.</summary>
    [Id(5)]
    public long? ClockStateAt { get; set; }

    /// <summary>The peer's <c>sync_paths</c> the base was pulled with; a base is only valid for the same filter.</summary>
    [Id(6)]
    public List<string>? BaseSyncPaths { get; set; }
}
