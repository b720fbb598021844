using AeorDb.Api;
using AeorDb.Api.Events;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AeorDb.Tests.Api.Events;

public sealed class HeartbeatServiceTests
{
    private const long Interval = 15_000;

    // 2025-01-01T00:00:00Z is a multiple of 15 s.
    private const long Boundary = 1_735_689_600_000;

    [Theory]
    [InlineData(Boundary, Boundary, Boundary + Interval)]
    [InlineData(Boundary + 1, Boundary, Boundary + Interval)]
    [InlineData(Boundary + Interval - 1, Boundary, Boundary + Interval)]
    public void Schedule_FloorsAndFindsTheNextBoundary(long now, long intent, long next)
    {
        Assert.Equal(intent, HeartbeatSchedule.IntentTime(now, Interval));
        Assert.Equal(next, HeartbeatSchedule.NextBoundary(now, Interval));
    }

    [Fact]
    public async Task Beat_FirstTick_WaitsForTheNextWallClockBoundary()
    {
        await using var run = await Run.StartAsync(Boundary + 4_321, nodeId: 42);

        await run.Time.TimerCreatedAsync();
        run.Time.Advance(TimeSpan.FromMilliseconds(Interval - 4_321 - 1));
        run.Time.Advance(TimeSpan.FromMilliseconds(1));
        var beat = await run.NextAsync();

        // Had it beaten before the boundary, its construct_time would be earlier than the boundary.
        Assert.Equal(new HeartbeatClock(Boundary + Interval, Boundary + Interval, 42), beat);
    }

    [Fact]
    public async Task Beat_LateWakeUp_NextSleepSubtractsTheOvershoot()
    {
        await using var run = await Run.StartAsync(Boundary, nodeId: 42);

        // Wake 700 ms late: the beat is still meant for the boundary, and the next one comes at the boundary after.
        await run.Time.TimerCreatedAsync();
        run.Time.Advance(TimeSpan.FromMilliseconds(Interval + 700));
        Assert.Equal(new HeartbeatClock(Boundary + Interval, Boundary + Interval + 700, 42), await run.NextAsync());

        await run.Time.TimerCreatedAsync();
        run.Time.Advance(TimeSpan.FromMilliseconds(Interval - 700));
        Assert.Equal(new HeartbeatClock(Boundary + (2 * Interval), Boundary + (2 * Interval), 42), await run.NextAsync());
    }

    [Fact]
    public async Task Beat_StallLongerThanAnInterval_SkipsMissedBeats()
    {
        await using var run = await Run.StartAsync(Boundary, nodeId: 42);

        await run.Time.TimerCreatedAsync();
        run.Time.Advance(TimeSpan.FromMilliseconds((3 * Interval) + 5));
        Assert.Equal(new HeartbeatClock(Boundary + (3 * Interval), Boundary + (3 * Interval) + 5, 42), await run.NextAsync());

        await run.Time.TimerCreatedAsync();
        run.Time.Advance(TimeSpan.FromMilliseconds(Interval - 5));
        Assert.Equal(Boundary + (4 * Interval), (await run.NextAsync()).IntentTime);
    }

    [Fact]
    public async Task Beat_NodeIdNotYetKnown_SendsNothingUntilItIs()
    {
        await using var run = await Run.StartAsync(Boundary, nodeId: 0);

        await run.Time.TimerCreatedAsync();
        run.Time.Advance(TimeSpan.FromMilliseconds(Interval));
        await run.Time.TimerCreatedAsync();
        run.Clock.SetNodeId(9);
        run.Time.Advance(TimeSpan.FromMilliseconds(Interval));

        // The first beat observed is the second boundary's: the first passed while the id was 0.
        var beat = await run.NextAsync();
        Assert.Equal((Boundary + (2 * Interval), 9UL), (beat.IntentTime, beat.NodeId));
    }

    /// <summary>One heartbeat service on a fake clock, publishing into a real bus the test reads.</summary>
    private sealed class Run : IAsyncDisposable
    {
        private readonly HeartbeatService _service;
        private readonly EventSubscription _subscription;

        private Run(long startMs, ulong nodeId)
        {
            Time = new SignallingTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(startMs));
            Clock = new FixedClock(nodeId);
            var bus = EventBusTests.NewBus(64);
            _subscription = bus.Subscribe();
            _service = new HeartbeatService(bus, Clock, Time, Options.Create(new ApiOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(Interval) }), NullLogger<HeartbeatService>.Instance);
        }

        public SignallingTimeProvider Time { get; }

        public FixedClock Clock { get; }

        public static async Task<Run> StartAsync(long startMs, ulong nodeId)
        {
            var run = new Run(startMs, nodeId);
            await run._service.StartAsync(CancellationToken.None);
            return run;
        }

        public async Task<HeartbeatClock> NextAsync()
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var beat = await _subscription.Reader.ReadAsync(deadline.Token);
            Assert.Equal((EventTypes.Heartbeat, EventUsers.System), (beat.EventType, beat.UserId));
            var clock = ((HeartbeatPayload)beat.Payload).Clock;
            Assert.Equal(clock.ConstructTime, beat.Timestamp);
            return clock;
        }

        public async ValueTask DisposeAsync()
        {
            await _service.StopAsync(CancellationToken.None);
            _service.Dispose();
            _subscription.Dispose();
        }
    }

    /// <summary>A fake clock that lets the test wait until the service has armed its next timer, so an advance is never lost to a race.</summary>
    internal sealed class SignallingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly SemaphoreSlim _created = new(0);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _created.Release();
            return timer;
        }

        public async Task TimerCreatedAsync() => Assert.True(await _created.WaitAsync(TimeSpan.FromSeconds(10)), "The service armed no timer.");
    }

    internal sealed class FixedClock(ulong nodeId) : IHybridClock
    {
        private ulong _nodeId = nodeId;

        public ulong NodeId => Volatile.Read(ref _nodeId);

        public void SetNodeId(ulong nodeId) => Volatile.Write(ref _nodeId, nodeId);

        public VersionStamp Next() => throw new NotSupportedException();

        public TimeSpan MaxSkew => throw new NotSupportedException();

        public long Horizon => throw new NotSupportedException();

        public bool Observe(long virtualTime) => throw new NotSupportedException();

        public long Peek() => throw new NotSupportedException();
    }
}
