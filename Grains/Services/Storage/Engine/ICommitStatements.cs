using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Storage.Engine;

/// <summary>
/// The statements of one tree commit in a dialect, called by <see cref="TreeCommitWriter"/> in its fixed order inside the
/// writer's transaction. SQLite runs each row at once on prepared statements; PostgreSQL sends each step as one
/// array statement and queues the steps after the head swap and the object insert into one batch
/// (<see cref="FlushAsync"/>), so a commit costs it three round trips at most.
/// </summary>
internal interface ICommitStatements
{
    /// <summary>The compare-and-swap: true when HEAD was <paramref name="baseRootHash"/> (null: none) and may move to <paramref name="root"/>.</summary>
    ValueTask<bool> TryMoveHeadAsync(string? baseRootHash, byte[] root, long committedAt);

    /// <summary>HEAD as the transaction sees it (for the refusal's message).</summary>
    ValueTask<string?> ReadHeadAsync();

    /// <summary>Inserts objects unless stored (ids are content hashes).</summary>
    ValueTask InsertObjectsAsync(IReadOnlyList<NewObject> objects);

    void UpsertCatalog(IReadOnlyList<FileEntry> entries);

    /// <summary>Something was put at these entries' paths again: they are no longer current deletions.</summary>
    void ClearDeletions(IReadOnlyList<FileEntry> entries);

    void InsertHistory(IReadOnlyList<FileEntry> entries);

    void InsertReferences(IReadOnlyList<ObjectReference> references);

    void DeleteCatalog(IReadOnlyList<string> paths);

    void InsertRoot(byte[] root, long committedAt);

    /// <summary>Makes each tombstone its path's current deletion, tagged with the root row inserted before it.</summary>
    void UpsertDeletions(IReadOnlyList<FileEntry> tombstones);

    /// <summary>Runs whatever the dialect queued.</summary>
    ValueTask FlushAsync();
}
