using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

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
/// The stored chunks of one body, in file order, with its content type (declared or sniffed, CONTRACT §4.1),
/// <see cref="ContentHash"/>: BLAKE3 of the whole body, unprefixed lowercase hex (the change-event <c>hash</c>,
/// CONTRACT §1.4), and <see cref="Version"/>: the stored version record when the upload stored it itself
/// (bodies of at most one chunk), else null and the caller stores it.
/// </summary>
internal sealed record ChunkedUpload(IReadOnlyList<string> ChunkHashes, long Size, string? ContentType, UploadFailure Failure, string? ContentHash = null, FileVersion? Version = null)
{
    /// <summary>
    /// Set when <see cref="Version"/> was staged rather than stored: its objects are written by the tree commit that
    /// puts it, and the caller must settle the hold once the tree answered (<see cref="IStagedFile"/>).
    /// </summary>
    public IStagedFile? Staged { get; init; }

    public static ChunkedUpload Failed(UploadFailure failure) => new([], 0, null, failure);
}
