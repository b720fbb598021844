using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Events;

/// <summary>
/// The node's in-process event bus (DI singleton): fans every published event out to each subscriber's own
/// bounded queue. A writer never waits on a reader: when a subscriber's queue is full its oldest events are
/// skipped (as a lagging subscriber of the original's broadcast channel skips), so memory stays bounded by
/// <see cref="ApiOptions.EventBufferCapacity"/> per subscriber whatever the write rate.
/// </summary>
internal sealed partial class EventBus(IOptions<ApiOptions> options, ILogger<EventBus> logger) : IEventPublisher
{
    private readonly Lock _gate = new();
    private ImmutableArray<EventSubscription> _subscribers = [];

    /// <summary>How many subscribers are attached (streams open).</summary>
    public int SubscriberCount => _subscribers.Length;

    /// <inheritdoc />
    public void Publish(NodeEvent nodeEvent)
    {
        // A snapshot: subscribing or leaving during a publish never blocks or breaks it.
        foreach (var subscriber in _subscribers)
        {
            subscriber.Offer(nodeEvent);
        }
    }

    /// <summary>Attaches a subscriber; dispose it to leave. Events published from now on reach it.</summary>
    public EventSubscription Subscribe()
    {
        var subscription = new EventSubscription(this, Math.Max(1, options.Value.EventBufferCapacity));
        lock (_gate)
        {
            _subscribers = _subscribers.Add(subscription);
        }

        return subscription;
    }

    internal void Remove(EventSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Remove(subscription);
        }

        if (subscription.Skipped > 0)
        {
            LogSkipped(logger, subscription.Skipped);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "An event subscriber fell behind and skipped {Skipped} events")]
    private static partial void LogSkipped(ILogger logger, long skipped);
}
