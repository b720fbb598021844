using System.Text.Json.Serialization;

namespace AeorDb.Api.Sync;

/// <summary>Body of <c>POST /sync/diff</c> (CONTRACT §5.2); every field optional.</summary>
internal sealed record SyncDiffRequest(string? SinceRootHash, string? CurrentRootHash, IReadOnlyList<string>? Paths, ulong? NodeId, long? VirtualTime);

/// <summary>Answer of <c>POST /sync/diff</c>.</summary>
internal sealed record SyncDiffResponse(string RootHash, SyncChanges Changes, IReadOnlyList<string> ChunkHashesNeeded);

/// <summary>The six change lists, each sorted by path.</summary>
internal sealed record SyncChanges(
    IReadOnlyList<SyncFileChange> FilesAdded,
    IReadOnlyList<SyncFileChange> FilesModified,
    IReadOnlyList<SyncPathOnly> FilesDeleted,
    IReadOnlyList<SyncSymlinkChange> SymlinksAdded,
    IReadOnlyList<SyncSymlinkChange> SymlinksModified,
    IReadOnlyList<SyncPathOnly> SymlinksDeleted);

/// <summary>
/// An added or modified file: its version id, size, content type (null written) and chunks in file order. The last
/// fields extend the original's shape for the three-way merge of CONTRACT §7.1: the version's hybrid-clock stamp
/// (the LWW key), for a modification the id it replaced at the caller's base, and the states the path had on this
/// node before (<c>history</c>, newest first, left out when none). Other clients ignore them.
/// </summary>
internal sealed record SyncFileChange(
    string Path, string Hash, long Size, string? ContentType, IReadOnlyList<string> ChunkHashes, long? VirtualTime = null, ulong? NodeId = null, string? PreviousHash = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SyncVersionRef>? History = null);

/// <summary>An added or modified symlink, with the same merge extensions as <see cref="SyncFileChange"/>.</summary>
internal sealed record SyncSymlinkChange(
    string Path, string Hash, string? Target, long? VirtualTime = null, ulong? NodeId = null, string? PreviousHash = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SyncVersionRef>? History = null);

/// <summary>
/// A deleted file or symlink. The extensions: the id it had at the caller's base (<c>previous_hash</c>), and from the
/// deletion record the id of the version deleted (<c>hash</c>), the deletion's stamp and the path's earlier states.
/// A path put and deleted again since the caller's base is listed too, with no <c>previous_hash</c>.
/// </summary>
internal sealed record SyncPathOnly(
    string Path, string? PreviousHash = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Hash = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? VirtualTime = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ulong? NodeId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SyncVersionRef>? History = null);

/// <summary>One earlier state of a path: a version, or (<c>deleted</c>) a deletion of the version <c>hash</c>.</summary>
internal sealed record SyncVersionRef(
    string Hash, long VirtualTime, ulong NodeId, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Deleted = false);

/// <summary>Body of <c>POST /sync/chunks</c> (CONTRACT §5.3).</summary>
internal sealed record SyncChunksRequest(IReadOnlyList<string?>? Hashes);

/// <summary>The 413 of /sync/chunks: the contract's error plus how many chunks fitted the budget.</summary>
internal sealed record ChunkBudgetExceeded(string Error, int ChunksSoFar);
