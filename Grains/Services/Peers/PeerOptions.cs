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

    /// <summary>The longest reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
