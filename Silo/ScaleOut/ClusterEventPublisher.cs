using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using AeorDb.Api;
using AeorDb.Api.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AeorDb.Silo.ScaleOut;

/// <summary>
/// The event publisher of a silo in scale-out mode: every event reaches this silo's own streams at once, and change
/// events (<c>entries_created</c>/<c>entries_deleted</c>) also reach the other silos' streams through a PostgreSQL
/// notification, so a peer or client subscribed to any silo hears of a write made through any other. Heartbeats
/// and other pathless events stay local: every silo makes its own. Publishing never blocks the write: forwarding
/// goes through a bounded queue, and when that is full the oldest forward is dropped (peers still catch up through
/// the periodic pull).
/// </summary>
internal sealed partial class ClusterEventPublisher(
    EventBus bus,
    SiloNotifications notifications,
    ScaleOutRuntime runtime,
    ILogger<ClusterEventPublisher> logger) : BackgroundService, IEventPublisher
{
    private readonly Channel<NodeEvent> _outbox = Channel.CreateBounded<NodeEvent>(new BoundedChannelOptions(4096)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    /// <inheritdoc />
    public void Publish(NodeEvent nodeEvent)
    {
        bus.Publish(nodeEvent);
        if (nodeEvent.Entries is { Count: > 0 })
        {
            _outbox.Writer.TryWrite(nodeEvent);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        notifications.Received += OnReceived;
        try
        {
            await foreach (var nodeEvent in _outbox.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                foreach (var payload in Split(nodeEvent))
                {
                    await SendAsync(payload, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            notifications.Received -= OnReceived;
        }
    }

    private async Task SendAsync(string payload, CancellationToken cancellationToken)
    {
        try
        {
            await notifications.NotifyAsync(SiloNotifications.EventsChannel, payload, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogForwardFailed(logger, exception);
        }
    }

    /// <summary>The event as one or more notification payloads, each under PostgreSQL's size limit (entries split across them).</summary>
    private IEnumerable<string> Split(NodeEvent nodeEvent)
    {
        var entries = nodeEvent.Entries!;
        var start = 0;
        while (start < entries.Count)
        {
            var count = entries.Count - start;
            string payload;
            while (true)
            {
                payload = Serialize(nodeEvent, entries.Skip(start).Take(count).ToArray());
                if (Encoding.UTF8.GetByteCount(payload) <= SiloNotifications.MaxPayloadBytes || count == 1)
                {
                    break;
                }

                count = Math.Max(1, count / 2);
            }

            if (Encoding.UTF8.GetByteCount(payload) <= SiloNotifications.MaxPayloadBytes)
            {
                yield return payload;
            }
            else
            {
                LogEntryTooLarge(logger, entries[start].Path.Length);
            }

            start += count;
        }
    }

    private string Serialize(NodeEvent nodeEvent, EventEntry[] entries) => JsonSerializer.Serialize(
        new ForwardedEvent(runtime.SiloId, nodeEvent.EventId, nodeEvent.EventType, nodeEvent.Timestamp, nodeEvent.UserId, nodeEvent.RecipientUserId, entries),
        ApiJson.Options);

    private void OnReceived(string channel, string payload)
    {
        if (channel != SiloNotifications.EventsChannel)
        {
            return;
        }

        ForwardedEvent? forwarded;
        try
        {
            forwarded = JsonSerializer.Deserialize<ForwardedEvent>(payload, ApiJson.Options);
        }
        catch (JsonException exception)
        {
            LogUnreadable(logger, exception);
            return;
        }

        if (forwarded is null || forwarded.Origin == runtime.SiloId || forwarded.Entries is not { Length: > 0 })
        {
            return;
        }

        bus.Publish(new NodeEvent(forwarded.EventId, forwarded.EventType, forwarded.Timestamp, forwarded.UserId, forwarded.RecipientUserId, new EntriesPayload(forwarded.Entries)));
    }

    /// <summary>A change event on the wire between silos, tagged with the silo that published it.</summary>
    private sealed record ForwardedEvent(string Origin, Guid EventId, string EventType, long Timestamp, string UserId, string? RecipientUserId, EventEntry[] Entries);

    [LoggerMessage(EventId = 6130, Level = LogLevel.Warning, Message = "Forwarding a change event to the other silos failed")]
    private static partial void LogForwardFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6131, Level = LogLevel.Warning, Message = "A change event entry (path of {PathLength} characters) is too large to forward to the other silos; their streams miss it")]
    private static partial void LogEntryTooLarge(ILogger logger, int pathLength);

    [LoggerMessage(EventId = 6132, Level = LogLevel.Warning, Message = "Ignored an unreadable change event from another silo")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
