using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Links;

/// <summary>A symlink as the wire shows it (CONTRACT §4.2 <c>nofollow</c>, §4.6): <c>{"path","target","entry_type":8,"created_at","updated_at"}</c>.</summary>
internal sealed record LinkInfo(string Path, string? Target, int EntryType, long CreatedAt, long UpdatedAt)
{
    public static LinkInfo From(FileEntry entry) => new(entry.Path, entry.Target, (int)EntryKind.Symlink, entry.CreatedAt, entry.UpdatedAt);
}
