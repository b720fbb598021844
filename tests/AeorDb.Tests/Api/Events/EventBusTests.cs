using AeorDb.Api;
using AeorDb.Api.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace AeorDb.Tests.Api.Events;

public sealed class EventBusTests
{
    [Fact]
    public async Task Publish_TwoSubscribers_EachGetsEveryEventInOrder()
    {
        var bus = NewBus(16);
        using var first = bus.Subscribe();
        using var second = bus.Subscribe();

        var events = Enumerable.Range(0, 5).Select(i => Heartbeat(i)).ToList();
        events.ForEach(bus.Publish);

        Assert.Equal(events, await Drain(first, 5));
        Assert.Equal(events, await Drain(second, 5));
    }

    [Fact]
    public async Task Publish_SlowSubscriber_SkipsOldestAndNeverBlocksOrGrows()
    {
        var bus = NewBus(4);
        using var slow = bus.Subscribe();

        // Nobody reads: a blocking bus would hang here, an unbounded one would hold all 10 000.
        var events = Enumerable.Range(0, 10_000).Select(i => Heartbeat(i)).ToList();
        events.ForEach(bus.Publish);

        Assert.Equal(4, slow.Reader.Count);
        Assert.Equal(10_000 - 4, slow.Skipped);
        Assert.Equal(events[^4..], await Drain(slow, 4));
    }

    [Fact]
    public void Subscribe_ThenDispose_LeavesTheBusAndEndsTheReader()
    {
        var bus = NewBus(4);
        var subscription = bus.Subscribe();
        Assert.Equal(1, bus.SubscriberCount);

        subscription.Dispose();
        bus.Publish(Heartbeat(1));

        Assert.Equal(0, bus.SubscriberCount);
        Assert.True(subscription.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void OfferKeepAlive_IdleQueue_QueuesOneMarker_BusyQueue_None()
    {
        var bus = NewBus(4);
        using var subscription = bus.Subscribe();

        subscription.OfferKeepAlive();
        Assert.True(subscription.Reader.TryRead(out var marker));
        Assert.Same(EventSubscription.KeepAlive, marker);

        bus.Publish(Heartbeat(1));
        subscription.OfferKeepAlive();
        Assert.Equal(1, subscription.Reader.Count);
    }

    internal static EventBus NewBus(int capacity) =>
        new(Options.Create(new ApiOptions { EventBufferCapacity = capacity }), NullLogger<EventBus>.Instance);

    internal static NodeEvent Heartbeat(long time) =>
        NodeEvent.Create(EventTypes.Heartbeat, time, EventUsers.System, new HeartbeatPayload(new HeartbeatClock(time, time, 7)));

    private static async Task<List<NodeEvent>> Drain(EventSubscription subscription, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = new List<NodeEvent>();
        while (read.Count < count)
        {
            read.Add(await subscription.Reader.ReadAsync(deadline.Token));
        }

        return read;
    }
}
