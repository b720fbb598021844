namespace AeorDb.Api.Events;

/// <summary>The non-user values of an event's <c>user_id</c> (CONTRACT §6.4).</summary>
internal static class EventUsers
{
    /// <summary>Events the node makes on its own (heartbeats, server_ready).</summary>
    public const string System = "system";

    /// <summary>Events of the sync machinery (sync results).</summary>
    public const string Sync = "sync";

    /// <summary>The <c>user_id</c> of a user: the lowercase hyphenated UUID (CONTRACT §1.3).</summary>
    public static string Of(Guid userId) => userId.ToString("D");
}
