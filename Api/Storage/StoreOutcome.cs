using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Storage;

/// <summary>
/// What storing a body produced: the grain's write result, or the upload failure that stopped it first;
/// <see cref="ContentHash"/> is BLAKE3 of the whole body (unprefixed hex) once it was read to its end.
/// </summary>
internal sealed record StoreOutcome(WriteResult? Result, UploadFailure Failure, string? ContentHash = null);
