using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Files;

/// <summary>The answer to a stored file (CONTRACT §4.1): <c>{"path","content_type","size","created_at","updated_at","hash"}</c>.</summary>
internal sealed record FileWritten(string Path, string? ContentType, long Size, long CreatedAt, long UpdatedAt, string Hash)
{
    public static FileWritten From(FileEntry entry) => new(entry.Path, entry.ContentType, entry.Size, entry.CreatedAt, entry.UpdatedAt, entry.Hash);
}
