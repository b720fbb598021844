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

    /// <summary>The window after an event-driven pull (which starts at once) in which further events share one follow-up pull (<c>--sync-debounce-ms</c>).</summary>
    public TimeSpan SyncDebounce { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Ask peers for <c>/sync/chunks</c> as binary frames (<see cref="Interfaces.ChunkFrames"/>); peers that do not know
    /// them answer JSON anyway. Off only to exercise the JSON path.
    /// </summary>
    public bool ChunkFrames { get; set; } = true;

    /// <summary>Largest <c>/sync/diff</c> answer accepted from a peer (<c>--max-peer-diff-bytes</c>); a larger one fails the pull.</summary>
    public long MaxDiffAnswerBytes { get; set; } = 256L << 20;

    /// <summary>Largest <c>/sync/chunks</c> answer accepted from a peer (<c>--max-peer-chunks-bytes</c>); each request asks for far less.</summary>
    public long MaxChunksAnswerBytes { get; set; } = 128L << 20;

    /// <summary>Largest event frame kept from a peer's event stream (<c>--max-peer-event-frame-bytes</c>); a larger frame is skipped.</summary>
    public int MaxEventFrameBytes { get; set; } = 1 << 20;

    /// <summary>The longest reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
