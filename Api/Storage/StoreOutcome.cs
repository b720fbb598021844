using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Storage;

/// <summary>What storing a body produced: the grain's write result, or the upload failure that stopped it first.</summary>
internal sealed record StoreOutcome(WriteResult? Result, UploadFailure Failure);
