using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Storage;

/// <summary>An object to insert (idempotently) as part of a tree commit.</summary>
internal sealed record NewObject(byte[] Hash, ObjectKind Kind, bool System, byte[] Data);
