using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Peers;

/// <summary>
/// Failures of the link itself. A peer whose event stream cannot be opened (or ends) cannot be synced with, so
/// each lost link counts as a failed sync attempt in the §5.5 counters (<c>total_syncs</c> counts failures too),
/// with the stream's error as <c>last_error</c>; <c>next_attempt_at</c> tells when the next reconnect (while
/// disconnected) or the next periodic pull after failed pulls (§6.5 backoff) is due. A successful pull resets
/// <c>consecutive_failures</c>.
/// </summary>
internal sealed partial class PeerGrain
{
    private long? _reconnectAt;

    /// <summary>Counts a lost link and records when the reconnect after <paramref name="delay"/> is due.</summary>
    private void LinkFailed(string reason, TimeSpan delay)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        _lastAttemptAt = now;
        _lastError = $"Peer {(ulong)this.GetPrimaryKeyLong()} unreachable: {reason}";
        _consecutiveFailures++;
        _totalFailures++;
        _totalSyncs++;
        _reconnectAt = now + (long)delay.TotalMilliseconds;
    }

    /// <summary>
    /// A heartbeat rejected for a clock offset beyond 30 s: the peer stays in honeymoon, and <c>last_error</c> says
    /// why, so an operator sees the cause the troubleshooting guide names (check NTP). Not counted as a failure:
    /// no sync was attempted.
    /// </summary>
    private void ClockRejected(long offsetMs) =>
        _lastError = $"Clock offset {offsetMs} ms with peer {(ulong)this.GetPrimaryKeyLong()} is beyond 30 s; the honeymoon cannot complete (check NTP)";

    /// <summary>
    /// Local ms of the next attempt after failures, or null when none is being waited for: the reconnect while
    /// disconnected (it stays until the link is back, also while the attempt runs), else the retried pull.
    /// </summary>
    private long? NextAttemptAt() => _consecutiveFailures == 0 ? null : _state == PeerState.Disconnected ? _reconnectAt : _nextRetryAt;
}
