namespace AeorDb.Grains.Services.Storage;

/// <summary>What the object store holds: how many objects and how many bytes of object data.</summary>
internal readonly record struct StoreUsage(long Objects, long Bytes);
