namespace AeorDb.Grains.Interfaces.Models;

/// <summary>A stored file version record. Its <paramref name="Hash"/> derives from content only (CONTRACT §1.4).</summary>
/// <param name="Hash">Lowercase hex file-version id.</param>
/// <param name="Size">Total bytes.</param>
/// <param name="ContentType">Content type, or null when unknown.</param>
/// <param name="ChunkHashes">Lowercase hex chunk ids in file order.</param>
/// <param name="System">True when the file lives under a reserved system namespace (its chunks are SYSTEM-flagged).</param>
[GenerateSerializer, Immutable, Alias("aeordb.FileVersion")]
public sealed record FileVersion(
    [property: Id(0)] string Hash,
    [property: Id(1)] long Size,
    [property: Id(2)] string? ContentType,
    [property: Id(3)] IReadOnlyList<string> ChunkHashes,
    [property: Id(4)] bool System);
