namespace AeorDb.Grains.Services.Storage.Engine;

/// <summary>
/// The SQL texts the shared engine (<see cref="SqlNodeStore"/>) runs, one instance per dialect. Every statement reads
/// or writes the same tables with the same columns in the same order on both backends; only the text differs
/// (parameter syntax, upsert syntax, type casts). Statements the dialects run in their own way (tree-commit rows,
/// object puts, the sweep's deletes) stay with the dialect.
/// </summary>
internal sealed class StoreSql
{
    /// <summary>Every catalog entry of HEAD: path, kind, hash, size, content_type, target, created_at, updated_at, virtual_time, node_id.</summary>
    public required SqlStatement SelectCatalog { get; init; }

    /// <summary>One catalog entry by path (one parameter: the path).</summary>
    public required SqlStatement SelectCatalogEntry { get; init; }

    /// <summary>The newest history rows of one path, newest first, at most <see cref="SqlNodeStore.HistoryLimit"/>.</summary>
    public required SqlStatement SelectHistory { get; init; }

    /// <summary>Current deletions committed after the first commit of a root (parameter: its hash), sorted by path.</summary>
    public required SqlStatement SelectDeletionsSince { get; init; }

    /// <summary>HEAD's root hash (no row for a new store).</summary>
    public required SqlStatement SelectHeadRoot { get; init; }

    /// <summary>A row when the root (parameter) was committed here.</summary>
    public required SqlStatement SelectRootExists { get; init; }

    /// <summary>The paths an object (parameter 1) was committed under, ordinal order, at most parameter 2 (a bigint).</summary>
    public required SqlStatement SelectReferencingPaths { get; init; }

    /// <summary>How many objects and how many bytes of object data (two bigints).</summary>
    public required SqlStatement SelectUsage { get; init; }

    /// <summary>A row when the reference index was filled from the history.</summary>
    public required SqlStatement SelectReferencesBackfilled { get; init; }

    /// <summary>The row that marks the reference index as filled.</summary>
    public required SqlStatement InsertReferencesBackfilled { get; init; }

    /// <summary>
    /// One page of file and symlink history rows after a sequence (parameter 1, at most parameter 2 rows), in
    /// sequence order: seq, path, kind, hash, system flag of the version record, the version record (null if absent).
    /// </summary>
    public required SqlStatement SelectHistoryReferences { get; init; }

    /// <summary>Garbage collection: every committed root, newest first (seq, root_hash, committed_at; bigints).</summary>
    public required SqlStatement SelectRoots { get; init; }

    /// <summary>Garbage collection: kind (bigint) and hash of every catalog entry of HEAD.</summary>
    public required SqlStatement SelectCatalogObjects { get; init; }

    /// <summary>Garbage collection: every history row by path, newest first within a path (seq, path, kind, hash, updated_at; bigints).</summary>
    public required SqlStatement SelectHistoryByPath { get; init; }

    /// <summary>Garbage collection: every stored object (hash, kind, system flag, length, put time; bigints; put time 0 where untracked).</summary>
    public required SqlStatement SelectObjects { get; init; }

    /// <summary>The bytes of one object (parameter: its hash), for marking trees and sparing the chunks of kept records.</summary>
    public required SqlStatement SelectObjectData { get; init; }
}
