using AeorDb.Grains.Services.Clock;
using Xunit;

namespace AeorDb.Tests.Services.Clock;

public sealed class HybridClockTests
{
    [Fact]
    public void Next_WallClockStill_StrictlyIncreases()
    {
        var time = new ManualTimeProvider(1_700_000_000_000);
        var clock = new HybridClock(time);

        var stamps = Enumerable.Range(0, 100).Select(_ => clock.Next().VirtualTime).ToArray();

        Assert.Equal(1_700_000_000_000, stamps[0]);
        Assert.All(stamps.Zip(stamps.Skip(1)), pair => Assert.True(pair.Second > pair.First));
    }

    [Fact]
    public void Next_WallClockGoesBack_StaysMonotonic()
    {
        var time = new ManualTimeProvider(1_700_000_000_000);
        var clock = new HybridClock(time);
        var before = clock.Next().VirtualTime;

        time.Set(1_600_000_000_000);

        Assert.True(clock.Next().VirtualTime > before);
    }

    [Fact]
    public void Next_WallClockAdvances_FollowsWallClock()
    {
        var time = new ManualTimeProvider(1_000);
        var clock = new HybridClock(time);
        clock.Next();

        time.Set(5_000);

        Assert.Equal(5_000, clock.Next().VirtualTime);
    }

    [Fact]
    public void Observe_RemoteAhead_NextOrdersAfterIt()
    {
        var time = new ManualTimeProvider(1_000);
        var clock = new HybridClock(time);

        clock.Observe(9_000);

        Assert.True(clock.Next().VirtualTime > 9_000);
        Assert.True(clock.Peek() > 9_000);
    }

    [Fact]
    public void Observe_RemoteBehind_ChangesNothing()
    {
        var time = new ManualTimeProvider(10_000);
        var clock = new HybridClock(time);
        var first = clock.Next().VirtualTime;

        clock.Observe(5);

        Assert.Equal(first + 1, clock.Next().VirtualTime);
    }

    [Fact]
    public void Observe_BeyondWallClockPlusSkew_IsRefusedAndChangesNothing()
    {
        var clock = new HybridClock(new ManualTimeProvider(10_000));
        var skew = (long)HybridClock.DefaultMaxSkew.TotalMilliseconds;

        var refused = clock.Observe(10_000 + skew + 1);

        Assert.False(refused);
        Assert.Equal(10_000, clock.Next().VirtualTime);
    }

    [Fact]
    public void Observe_LeadsJustUnderTheSkewRepeatedly_NeverRatchetPastWallClockPlusSkew()
    {
        var clock = new HybridClock(new ManualTimeProvider(10_000));
        var lead = (long)HybridClock.DefaultMaxSkew.TotalMilliseconds - 1_000;

        // Each remote time leads the clock's own (already advanced) reading: only the first fits the wall-clock horizon.
        var accepted = Enumerable.Range(0, 4).Select(_ => clock.Observe(clock.Peek() + lead)).ToList();

        Assert.Equal([true, false, false, false], accepted);
        Assert.True(clock.Next().VirtualTime <= clock.Horizon);
    }

    [Fact]
    public void Next_CarriesNodeId()
    {
        var clock = new HybridClock(new ManualTimeProvider(1));

        clock.SetNodeId(42);

        Assert.Equal(42ul, clock.NodeId);
        Assert.Equal(42ul, clock.Next().NodeId);
    }

    [Fact]
    public async Task Next_ConcurrentCallers_NeverRepeat()
    {
        var clock = new HybridClock(new ManualTimeProvider(1_000));

        var batches = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 10_000).Select(_ => clock.Next().VirtualTime).ToArray())));

        var all = batches.SelectMany(b => b).ToArray();
        Assert.Equal(all.Length, all.Distinct().Count());
    }

    /// <summary>A wall clock the test sets by hand.</summary>
    private sealed class ManualTimeProvider(long unixMilliseconds) : TimeProvider
    {
        private long _now = unixMilliseconds;

        public void Set(long unixMilliseconds) => Interlocked.Exchange(ref _now, unixMilliseconds);

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Interlocked.Read(ref _now));
    }
}
