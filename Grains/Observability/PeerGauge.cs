using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Observability;

/// <summary>
/// What the metrics read about one peer, written by its grain (one writer) and read at scrape time. Lag is the
/// peer's change events not yet covered by a successful pull: how many, and since when the oldest one waits.
/// </summary>
internal sealed class PeerGauge(string peerTag)
{
    private long _pendingSinceMs = -1;
    private long _pendingEvents;
    private long _honeymoonStartedMs = -1;
    private int _state;

    /// <summary>The peer id as the metrics' <c>peer</c> tag.</summary>
    public string PeerTag { get; } = peerTag;

    public PeerState State => (PeerState)Volatile.Read(ref _state);

    /// <summary>Change events announced and not yet pulled.</summary>
    public long PendingEvents => Interlocked.Read(ref _pendingEvents);

    /// <summary>Seconds the oldest unpulled change event has waited at <paramref name="nowMs"/>; 0 when nothing waits.</summary>
    public double LagSeconds(long nowMs)
    {
        var since = Interlocked.Read(ref _pendingSinceMs);
        return since < 0 ? 0 : Math.Max(0, nowMs - since) / 1000.0;
    }

    public void SetState(PeerState state) => Volatile.Write(ref _state, (int)state);

    /// <summary>Connected: the honeymoon starts.</summary>
    public void Connected(long nowMs)
    {
        SetState(PeerState.Honeymoon);
        Interlocked.Exchange(ref _honeymoonStartedMs, nowMs);
    }

    /// <summary>Turned active: returns the honeymoon's length, if one was timed.</summary>
    public TimeSpan? Activated(long nowMs)
    {
        SetState(PeerState.Active);
        var started = Interlocked.Exchange(ref _honeymoonStartedMs, -1);
        return started < 0 ? null : TimeSpan.FromMilliseconds(Math.Max(0, nowMs - started));
    }

    /// <summary>The peer announced a change.</summary>
    public void ChangeAnnounced(long nowMs)
    {
        Interlocked.Increment(ref _pendingEvents);
        Interlocked.CompareExchange(ref _pendingSinceMs, nowMs, -1);
    }

    /// <summary>A pull starts: returns the mark to pass to <see cref="PullSucceeded"/>.</summary>
    public long PullStarting() => Interlocked.Read(ref _pendingEvents);

    /// <summary>
    /// A pull that started at <paramref name="startedMs"/> with <paramref name="mark"/> events pending succeeded: those
    /// events are covered. Events that came in during the pull still wait, counted from the pull's start.
    /// </summary>
    public void PullSucceeded(long mark, long startedMs)
    {
        var left = Interlocked.Add(ref _pendingEvents, -mark);
        Interlocked.Exchange(ref _pendingSinceMs, left > 0 ? startedMs : -1);
    }
}
