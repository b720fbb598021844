namespace AeorDb.Api.Storage;

/// <summary>Why an upload stopped before its end.</summary>
internal enum UploadFailure
{
    /// <summary>The whole body was stored.</summary>
    None = 0,

    /// <summary>The body exceeded the allowed size (413).</summary>
    TooLarge = 1,

    /// <summary>The body could not be read to its end (400).</summary>
    BrokenStream = 2,
}

/// <summary>
/// The stored chunks of one body, in file order, with the content type sniffed from its head when asked and
/// <see cref="ContentHash"/>: BLAKE3 of the whole body, unprefixed lowercase hex (the change-event <c>hash</c>, CONTRACT §1.4).
/// </summary>
internal sealed record ChunkedUpload(IReadOnlyList<string> ChunkHashes, long Size, string? SniffedType, UploadFailure Failure, string? ContentHash = null)
{
    public static ChunkedUpload Failed(UploadFailure failure) => new([], 0, null, failure);
}
