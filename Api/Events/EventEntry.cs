using System.Text.Json.Serialization;

namespace AeorDb.Api.Events;

/// <summary>
/// One entry of an <c>entries_created</c> / <c>entries_deleted</c> payload (CONTRACT §6.4):
/// <c>{"path","entry_type","content_type","size","hash","created_at","updated_at","previous_hash"?}</c>.
/// Fields the node does not know are left out rather than guessed (a deleted directory has only path and type).
/// </summary>
/// <param name="Path">Canonical absolute path.</param>
/// <param name="EntryType"><c>file</c>, <c>directory</c> or <c>symlink</c>.</param>
/// <param name="ContentType">The file's content type.</param>
/// <param name="Size">The file's size in bytes.</param>
/// <param name="Hash">BLAKE3 of the whole file bytes, unprefixed lowercase hex (CONTRACT §1.4): not the version id.</param>
/// <param name="CreatedAt">Unix milliseconds of the first version at this path.</param>
/// <param name="UpdatedAt">Unix milliseconds of this version.</param>
/// <param name="PreviousHash">The content hash the write replaced, when known.</param>
internal sealed record EventEntry(
    string Path,
    string EntryType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContentType = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Size = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Hash = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? CreatedAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? UpdatedAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PreviousHash = null);
