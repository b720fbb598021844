namespace AeorDb.Grains.Interfaces;

/// <summary>
/// Small files whose objects (chunk and version record) are written in the transaction of the tree commit that
/// references them instead of a durable put of their own, so a small PUT costs one durable commit, not two. Offered
/// only by a store whose tree commits are queued in the same process as the HTTP handler that stages (the embedded
/// SQLite node, one silo); a node without it puts objects before committing. A DI singleton.
/// </summary>
public interface ISmallFileStaging
{
    /// <summary>
    /// Holds a file of at most one inline chunk in memory until <see cref="IStagedFile.Release"/>: every tree commit
    /// queued meanwhile that puts its version writes its objects too. Null when the file is too large to stage or the
    /// staging budget is spent; the caller then stores it with <see cref="IObjectStore.PutSmallFileAsync"/>.
    /// </summary>
    IStagedFile? TryStage(ReadOnlyMemory<byte> content, string? contentType, bool system);
}
