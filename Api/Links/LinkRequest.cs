namespace AeorDb.Api.Links;

/// <summary>The body of <c>PUT /links/{path}</c> (CONTRACT §4.6): <c>{"target":"/abs/path"}</c>.</summary>
internal sealed record LinkRequest(string? Target);
