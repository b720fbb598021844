using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Clock;

/// <summary>
/// Hybrid logical clock: virtual time is max(wall ms, last + 1), and observing a peer's time moves it
/// past that time, so a write made after seeing another always orders after it even when wall clocks
/// disagree. Lock-free; one per node.
/// </summary>
internal sealed class HybridClock(TimeProvider timeProvider) : IHybridClock
{
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

    public void Observe(long virtualTime)
    {
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            if (virtualTime <= last || Interlocked.CompareExchange(ref _last, virtualTime, last) == last)
            {
                return;
            }
        }
    }

    public long Peek() => Math.Max(timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), Interlocked.Read(ref _last));
}
