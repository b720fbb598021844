namespace AeorDb.Silo.ScaleOut;

/// <summary>What the scale-out services of one silo share: this silo's id on the notification channels and the watch period.</summary>
/// <param name="PeerWatchInterval">How often the watches re-check (<c>--peer-watch-interval-ms</c>).</param>
internal sealed record ScaleOutRuntime(TimeSpan PeerWatchInterval)
{
    /// <summary>A fresh id per process, so a silo can ignore its own notifications.</summary>
    public string SiloId { get; } = Guid.NewGuid().ToString("N");
}
