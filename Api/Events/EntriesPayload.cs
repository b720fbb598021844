namespace AeorDb.Api.Events;

/// <summary>The payload of <c>entries_created</c> and <c>entries_deleted</c>: <c>{"entries":[…]}</c>.</summary>
internal sealed record EntriesPayload(IReadOnlyList<EventEntry> Entries);
