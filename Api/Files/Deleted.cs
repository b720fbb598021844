using System.Text.Json.Serialization;

namespace AeorDb.Api.Files;

/// <summary>The answer to a delete (CONTRACT §4.4, §4.6): <c>{"deleted":true,"path"}</c>, plus <c>entry_type</c> for symlinks and directories.</summary>
internal sealed record Deleted(
    [property: JsonPropertyName("deleted")] bool IsDeleted,
    string Path,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EntryType);
