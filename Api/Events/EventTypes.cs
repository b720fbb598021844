namespace AeorDb.Api.Events;

/// <summary>The event type names of CONTRACT §6.4.</summary>
internal static class EventTypes
{
    public const string ServerReady = "server_ready";
    public const string Heartbeat = "heartbeat";
    public const string EntriesCreated = "entries_created";
    public const string EntriesDeleted = "entries_deleted";
    public const string SyncsCompleted = "syncs_completed";
    public const string SyncsFailed = "syncs_failed";
}
