namespace AeorDb.Grains.Services.Peers;

/// <summary>Body the puller sends to <c>POST /sync/diff</c> (CONTRACT §5.2); null fields are omitted.</summary>
internal sealed record PeerDiffRequest(string? SinceRootHash, string CurrentRootHash, IReadOnlyList<string>? Paths, ulong NodeId, long VirtualTime);

/// <summary>The peer's answer to <c>POST /sync/diff</c>.</summary>
internal sealed record PeerDiffResponse(string RootHash, PeerChanges? Changes, IReadOnlyList<string>? ChunkHashesNeeded);

/// <summary>The six change lists of a diff answer.</summary>
internal sealed record PeerChanges(
    IReadOnlyList<PeerFileChange>? FilesAdded,
    IReadOnlyList<PeerFileChange>? FilesModified,
    IReadOnlyList<PeerPathOnly>? FilesDeleted,
    IReadOnlyList<PeerSymlinkChange>? SymlinksAdded,
    IReadOnlyList<PeerSymlinkChange>? SymlinksModified,
    IReadOnlyList<PeerPathOnly>? SymlinksDeleted);

/// <summary>An added or modified file on the peer; <c>history</c> is absent from peers that do not send one.</summary>
internal sealed record PeerFileChange(
    string Path, string Hash, long Size, string? ContentType, IReadOnlyList<string>? ChunkHashes, long? VirtualTime = null, ulong? NodeId = null, string? PreviousHash = null,
    IReadOnlyList<PeerVersionRef>? History = null);

/// <summary>An added or modified symlink on the peer.</summary>
internal sealed record PeerSymlinkChange(
    string Path, string Hash, string? Target, long? VirtualTime = null, ulong? NodeId = null, string? PreviousHash = null, IReadOnlyList<PeerVersionRef>? History = null);

/// <summary>A deleted file or symlink on the peer; the deletion record's fields are absent from peers that keep none.</summary>
internal sealed record PeerPathOnly(
    string Path, string? PreviousHash = null, string? Hash = null, long? VirtualTime = null, ulong? NodeId = null, IReadOnlyList<PeerVersionRef>? History = null);

/// <summary>One earlier state of a path on the peer.</summary>
internal sealed record PeerVersionRef(string Hash, long VirtualTime, ulong NodeId, bool Deleted = false);

/// <summary>Body of <c>POST /sync/chunks</c>.</summary>
internal sealed record PeerChunksRequest(IReadOnlyList<string> Hashes);

/// <summary>The peer's answer to <c>POST /sync/chunks</c>.</summary>
internal sealed record PeerChunksResponse(IReadOnlyList<PeerChunk>? Chunks);

/// <summary>One chunk sent by the peer: the hash as asked, the raw bytes (base64 on the wire).</summary>
internal sealed record PeerChunk(string Hash, byte[] Data, long Size);
