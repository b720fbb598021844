using System.Text.Json.Serialization;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Files;

/// <summary>One entry of a directory listing (CONTRACT §4.2).</summary>
internal sealed record ListingItem(
    string Path,
    string Name,
    int EntryType,
    string Hash,
    long Size,
    long CreatedAt,
    long UpdatedAt,
    string? ContentType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Target,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EffectivePermissions)
{
    public static ListingItem From(FileEntry entry, string name, string? effectivePermissions) => new(
        entry.Path,
        name,
        (int)entry.Kind,
        entry.Hash,
        entry.Size,
        entry.CreatedAt,
        entry.UpdatedAt,
        entry.ContentType,
        entry.Kind == EntryKind.Symlink ? entry.Target : null,
        effectivePermissions);
}
