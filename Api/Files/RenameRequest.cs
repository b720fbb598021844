namespace AeorDb.Api.Files;

/// <summary>The rename body of <c>PATCH /files/{path}</c> (CONTRACT §4.5): <c>{"to":"/new/path"}</c>.</summary>
internal sealed record RenameRequest(string? To);
