using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Clock;

/// <summary>
/// Hybrid logical clock: virtual time is max(wall ms, last + 1), and observing a peer's time moves it
/// past that time, so a write made after seeing another always orders after it even when wall clocks
/// disagree. Lock-free; one per node.
/// <para>
/// A remote time only counts up to <see cref="Horizon"/>, the WALL clock plus <see cref="MaxSkew"/>, never the
/// already advanced virtual time: measured against the virtual time, a peer serving stamps a little ahead on every
/// pull would ratchet the clock (and every later local stamp) arbitrarily far into the future.
/// </para>
/// </summary>
internal sealed class HybridClock(TimeProvider timeProvider) : IHybridClock
{
    /// <summary>How far a remote stamp may lead this node's wall clock (DESIGN: clock offsets beyond 30 s are rejected).</summary>
    public static readonly TimeSpan DefaultMaxSkew = TimeSpan.FromSeconds(30);

    private long _last;
    private long _nodeId;

    public ulong NodeId => (ulong)Interlocked.Read(ref _nodeId);

    public void SetNodeId(ulong nodeId) => Interlocked.Exchange(ref _nodeId, (long)nodeId);

    public VersionStamp Next()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var next = Math.Max(timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), last + 1);
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
            {
                return new VersionStamp(next, NodeId);
            }
        }
    }

    public TimeSpan MaxSkew => DefaultMaxSkew;

    public long Horizon => timeProvider.GetUtcNow().ToUnixTimeMilliseconds() + (long)MaxSkew.TotalMilliseconds;

    public bool Observe(long virtualTime)
    {
        if (virtualTime > Horizon)
        {
            return false;
        }

        while (true)
        {
            var last = Interlocked.Read(ref _last);
            if (virtualTime <= last || Interlocked.CompareExchange(ref _last, virtualTime, last) == last)
            {
                return true;
            }
        }
    }

    public long Peek() => Math.Max(timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), Interlocked.Read(ref _last));
}
