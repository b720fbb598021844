namespace AeorDb.Grains.Services.Peers;

/// <summary>Peer connection settings (DESIGN "Peers"): production defaults that tests shrink.</summary>
public sealed class PeerOptions
{
    /// <summary>Accepted heartbeats needed before a peer turns active (<c>--honeymoon-samples</c>).</summary>
    public int HoneymoonSamples { get; set; } = 5;

    /// <summary>The jitter must be under this for a peer to turn active (<c>--honeymoon-max-jitter-ms</c>).</summary>
    public TimeSpan HoneymoonMaxJitter { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>The first reconnect delay after losing a peer's event stream; doubled per failure.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The periodic fallback pull from an active peer (<c>--sync-interval-ms</c>, CONTRACT §6.5: 30 s). It is also
    /// the base of the failure backoff: production's 30 s base equals this default, so shrinking the interval for
    /// tests shrinks the backoff in proportion.
    /// </summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The least time between the starts of two back-to-back follow-up pulls (<c>--sync-debounce-ms</c>): an event with no
    /// pull running pulls at once, and the first follow-up (for events during a pull) starts when that pull ends.
    /// </summary>
    public TimeSpan SyncDebounce { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Ask peers for <c>/sync/chunks</c> as binary frames (<see cref="Interfaces.ChunkFrames"/>); peers that do not know
    /// them answer JSON anyway. Off only to exercise the JSON path.
    /// </summary>
    public bool ChunkFrames { get; set; } = true;

    /// <summary>
    /// A link (opening, honeymoon or active) with no heartbeat for this long is dropped and reconnected: three heartbeat
    /// intervals (<c>--heartbeat-interval-ms</c>, the peers of one cluster share it), at least two seconds.
    /// </summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Largest <c>/sync/diff</c> answer accepted from a peer (<c>--max-peer-diff-bytes</c>); a larger one fails the pull.</summary>
    public long MaxDiffAnswerBytes { get; set; } = 256L << 20;

    /// <summary>Largest <c>/sync/chunks</c> answer accepted from a peer (<c>--max-peer-chunks-bytes</c>); each request asks for far less.</summary>
    public long MaxChunksAnswerBytes { get; set; } = 128L << 20;

    /// <summary>Largest event frame kept from a peer's event stream (<c>--max-peer-event-frame-bytes</c>); a larger frame is skipped.</summary>
    public int MaxEventFrameBytes { get; set; } = 1 << 20;

    /// <summary>The longest reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The <see cref="HeartbeatTimeout"/> for a heartbeat interval: three intervals, at least two seconds.</summary>
    public static TimeSpan HeartbeatTimeoutFor(TimeSpan heartbeatInterval) =>
        TimeSpan.FromMilliseconds(Math.Max(2000, heartbeatInterval.TotalMilliseconds * 3));
}
