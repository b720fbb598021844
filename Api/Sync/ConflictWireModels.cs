namespace AeorDb.Api.Sync;

/// <summary>The contract's <c>&lt;conflict&gt;</c> (CONTRACT §7.4).</summary>
internal sealed record ConflictBody(string Path, string ConflictType, string AutoWinner, long CreatedAt, ConflictSideBody Winner, ConflictSideBody Loser);

/// <summary>One side of a conflict: hash empty and time 0 for a deletion.</summary>
internal sealed record ConflictSideBody(string Hash, long VirtualTime, ulong NodeId, long Size, string? ContentType);

/// <summary>The 200 of <c>GET /sync/conflicts</c>.</summary>
internal sealed record ConflictListBody(IReadOnlyList<ConflictBody> Items);

/// <summary>Body of <c>POST /sync/conflicts/{path}</c> and <c>POST /sync/resolve/{path}</c>; every field optional.</summary>
internal sealed record ResolveRequest(string? Pick);

/// <summary>The 200 of a resolution.</summary>
internal sealed record ResolvedBody(bool Resolved, string Path, string Pick);

/// <summary>The 200 of <c>POST /sync/dismiss/{path}</c>.</summary>
internal sealed record DismissedBody(bool Dismissed, string Path);
