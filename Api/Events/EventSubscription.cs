using System.Threading.Channels;

namespace AeorDb.Api.Events;

/// <summary>
/// One subscriber's bounded queue on the <see cref="EventBus"/>. When full, the oldest queued event is
/// dropped to make room (counted in <see cref="Skipped"/>), so the publisher never waits.
/// </summary>
internal sealed class EventSubscription : IDisposable
{
    /// <summary>The marker queued by <see cref="OfferKeepAlive"/>; never published on the bus.</summary>
    public static readonly NodeEvent KeepAlive = new(Guid.Empty, string.Empty, 0, EventUsers.System, null, new object());

    private readonly EventBus _bus;
    private readonly Channel<NodeEvent> _queue;
    private long _skipped;
    private int _disposed;

    internal EventSubscription(EventBus bus, int capacity)
    {
        _bus = bus;
        _queue = Channel.CreateBounded<NodeEvent>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            },
            _ => Interlocked.Increment(ref _skipped));
    }

    /// <summary>The subscriber's events in publish order, with <see cref="KeepAlive"/> markers between them.</summary>
    public ChannelReader<NodeEvent> Reader => _queue.Reader;

    /// <summary>How many events were dropped because this subscriber fell behind.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Queues an event; never waits.</summary>
    public void Offer(NodeEvent nodeEvent) => _queue.Writer.TryWrite(nodeEvent);

    /// <summary>Queues a keep-alive marker when nothing else is waiting: a busy stream needs none.</summary>
    public void OfferKeepAlive()
    {
        if (_queue.Reader.Count == 0)
        {
            _queue.Writer.TryWrite(KeepAlive);
        }
    }

    /// <summary>Leaves the bus and ends <see cref="Reader"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _bus.Remove(this);
            _queue.Writer.TryComplete();
        }
    }
}
