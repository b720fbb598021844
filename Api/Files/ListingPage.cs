namespace AeorDb.Api.Files;

/// <summary>A directory listing (CONTRACT §4.2): <c>{"items","total","limit","offset"}</c>.</summary>
internal sealed record ListingPage(IReadOnlyList<ListingItem> Items, int Total, int? Limit, int Offset);
