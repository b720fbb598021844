using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Peers;

/// <summary>
/// The link's watchdog and the lag. A connection (opening, honeymoon or active) that shows no heartbeat for
/// <see cref="Services.Peers.PeerOptions.HeartbeatTimeout"/> (three heartbeat intervals) is dropped through the same path
/// as a lost stream, so a reader that hangs or whose report was lost cannot leave the peer <c>active</c> forever. The
/// same tick completes a pull whose worker finished but whose report never arrived.
/// </summary>
internal sealed partial class PeerGrain
{
    private IGrainTimer? _watchdog;
    private long _lastSignAt;
    private long? _lastHeartbeatAt;
    private AnnouncedChanges _announced;

    private void StartWatchdog()
    {
        var period = TimeSpan.FromMilliseconds(Math.Max(50, _options.HeartbeatTimeout.TotalMilliseconds / 3));
        _watchdog ??= this.RegisterGrainTimer(
            _ => OnWatchdogTickAsync(),
            new GrainTimerCreationOptions { DueTime = period, Period = period, KeepAlive = true });
    }

    private void StopWatchdog()
    {
        _watchdog?.Dispose();
        _watchdog = null;
    }

    private Task OnWatchdogTickAsync()
    {
        if (_run is { Work.IsCompleted: true } finished)
        {
            return FinishPullAsync(finished);
        }

        var silent = time.GetUtcNow().ToUnixTimeMilliseconds() - _lastSignAt;
        if (_stream is not null && _peer is not null && silent > _options.HeartbeatTimeout.TotalMilliseconds)
        {
            var reason = $"No heartbeat for {silent / 1000.0:F1} s";
            LogSilent(logger, _peer.Address, reason);
            LinkLost(reason);
        }

        return Task.CompletedTask;
    }

    /// <summary>A change event naming <paramref name="entries"/> entries: lag until a pull started after it completes.</summary>
    private void Announced(int entries) =>
        _announced = _announced.With(new AnnouncedChanges(entries, time.GetUtcNow().ToUnixTimeMilliseconds()));

    /// <summary>The announcements a pull starting now covers once it completes.</summary>
    private AnnouncedChanges TakeAnnounced()
    {
        var taken = _announced;
        _announced = AnnouncedChanges.None;
        return taken;
    }

    /// <summary>A failed or cancelled pull covered nothing: its announcements are owed again.</summary>
    private void Reannounce(AnnouncedChanges covered) => _announced = _announced.With(covered);

    /// <summary>Seconds since the oldest uncovered announcement, and the entries announced, including the running pull's.</summary>
    private (double Seconds, long Entries) Lag()
    {
        var owed = _run is { } run ? _announced.With(run.Covered) : _announced;
        var seconds = owed.Since is { } since ? Math.Max(0, time.GetUtcNow().ToUnixTimeMilliseconds() - since) / 1000.0 : 0;
        return (seconds, owed.Entries);
    }

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Peer {Address}: link dropped by the watchdog: {Reason}")]
    private static partial void LogSilent(ILogger logger, string address, string reason);
}
