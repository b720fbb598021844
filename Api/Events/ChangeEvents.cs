using AeorDb.Api.Auth;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Events;

/// <summary>
/// Builds the change events the file and link routes publish after a write has committed (CONTRACT §6.4):
/// <c>entries_created</c> for create, overwrite and symlink, <c>entries_deleted</c> for delete, both for a rename.
/// Writes the node makes for its own records (through <c>IFileContent</c>) publish nothing.
/// </summary>
internal sealed class ChangeEvents(IEventPublisher publisher, TimeProvider timeProvider)
{
    /// <summary>A file or symlink was written; <paramref name="contentHash"/> is BLAKE3 of the file bytes when known.</summary>
    public void Created(Caller caller, FileEntry entry, string? contentHash) =>
        Publish(EventTypes.EntriesCreated, caller, [Describe(entry, contentHash)]);

    /// <summary>The entry at <c>entry.Path</c> was deleted.</summary>
    public void Deleted(Caller caller, FileEntry entry) =>
        Publish(EventTypes.EntriesDeleted, caller, [Removed(entry.Path, entry)]);

    /// <summary>A file or symlink moved from <paramref name="from"/> to <c>entry.Path</c>: deleted at the old path, created at the new.</summary>
    public void Renamed(Caller caller, string from, FileEntry entry)
    {
        Publish(EventTypes.EntriesDeleted, caller, [Removed(from, entry)]);

        // The bytes did not pass through this request, so their BLAKE3 is not known; it is left out rather than
        // paid for by reading the whole file back.
        Publish(EventTypes.EntriesCreated, caller, [Describe(entry, null)]);
    }

    /// <summary>The payload entry of a written entry.</summary>
    public static EventEntry Describe(FileEntry entry, string? contentHash) => entry.Kind switch
    {
        EntryKind.Directory => new EventEntry(entry.Path, "directory", CreatedAt: entry.CreatedAt, UpdatedAt: entry.UpdatedAt),
        EntryKind.Symlink => new EventEntry(entry.Path, "symlink", Size: 0, CreatedAt: entry.CreatedAt, UpdatedAt: entry.UpdatedAt),
        _ => new EventEntry(entry.Path, "file", entry.ContentType, entry.Size, contentHash, entry.CreatedAt, entry.UpdatedAt),
    };

    /// <summary>The payload entry of a removed entry: a directory has only its path and type.</summary>
    public static EventEntry Removed(string path, FileEntry entry) => entry.Kind switch
    {
        EntryKind.Directory => new EventEntry(path, "directory"),
        EntryKind.Symlink => new EventEntry(path, "symlink"),
        _ => new EventEntry(path, "file", entry.ContentType, entry.Size, CreatedAt: entry.CreatedAt, UpdatedAt: entry.UpdatedAt),
    };

    private void Publish(string eventType, Caller caller, IReadOnlyList<EventEntry> entries) =>
        publisher.Publish(NodeEvent.Create(eventType, timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), EventUsers.Of(caller.UserId), new EntriesPayload(entries)));
}
