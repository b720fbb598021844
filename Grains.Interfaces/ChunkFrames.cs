namespace AeorDb.Grains.Interfaces;

/// <summary>
/// The binary answer of <c>POST /sync/chunks</c> that nodes of this implementation ask each other for with
/// <c>Accept: application/vnd.aeordb.chunks</c>, an addition to CONTRACT §5.3: the same chunks in request order,
/// each as a frame of its 32-byte id, its length (4 bytes, little-endian) and its raw bytes, until the body ends.
/// Without that Accept value the answer is the contract's base64 JSON. Frames skip the base64 growth and the JSON
/// decode, and let the puller verify and store each chunk as it arrives instead of after the whole batch.
/// </summary>
public static class ChunkFrames
{
    /// <summary>The media type asked for and answered with.</summary>
    public const string MediaType = "application/vnd.aeordb.chunks";

    /// <summary>Bytes before each chunk's data: the id and the length.</summary>
    public const int HeaderLength = 36;

    /// <summary>Bytes of a chunk id.</summary>
    public const int IdLength = 32;

    /// <summary>The largest chunk a puller accepts in a frame (chunks are at most 256 KiB; a peer of another build may differ).</summary>
    public const int MaxChunkLength = 16 * 1024 * 1024;
}
