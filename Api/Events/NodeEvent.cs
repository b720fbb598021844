using System.Text.Json.Serialization;

namespace AeorDb.Api.Events;

/// <summary>
/// One event of the node's bus, in the envelope of CONTRACT §6.4:
/// <c>{"event_id","event_type","timestamp":ms,"user_id","recipient_user_id"?,"payload"}</c>.
/// The payload is one of the payload records of this folder; it is serialised by its runtime type.
/// </summary>
/// <param name="EventId">A fresh UUID per event; also the SSE <c>id:</c> line.</param>
/// <param name="EventType">One of <see cref="EventTypes"/>; also the SSE <c>event:</c> line.</param>
/// <param name="Timestamp">Unix milliseconds when the event was built.</param>
/// <param name="UserId">The acting user's UUID, or <see cref="EventUsers.System"/> / <see cref="EventUsers.Sync"/>.</param>
/// <param name="RecipientUserId">The one user the event is meant for, when it is personal.</param>
/// <param name="Payload">The event's payload record.</param>
internal sealed record NodeEvent(
    Guid EventId,
    string EventType,
    long Timestamp,
    string UserId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RecipientUserId,
    object Payload)
{
    /// <summary>A new event with a fresh id.</summary>
    public static NodeEvent Create(string eventType, long timestamp, string userId, object payload) =>
        new(Guid.NewGuid(), eventType, timestamp, userId, null, payload);

    /// <summary>The entries of an entries event; null for pathless events (heartbeats, server_ready, sync results).</summary>
    [JsonIgnore]
    public IReadOnlyList<EventEntry>? Entries => (Payload as EntriesPayload)?.Entries;
}
