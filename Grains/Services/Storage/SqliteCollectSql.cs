namespace AeorDb.Grains.Services.Storage;

/// <summary>The SQL of garbage collection on the SQLite backend: the snapshot reads of the mark phase and the sweep.</summary>
internal static class SqliteCollectSql
{
    /// <summary>Every committed root, newest first.</summary>
    public const string SelectRoots = "SELECT seq, root_hash, committed_at FROM aeor_roots ORDER BY seq DESC";

    /// <summary>The kind and id of every catalog entry of HEAD.</summary>
    public const string SelectCatalogObjects = "SELECT kind, hash FROM aeor_catalog";

    /// <summary>Every history row, grouped by path, newest first within a path.</summary>
    public const string SelectHistory = "SELECT seq, path, kind, hash, updated_at FROM aeor_history ORDER BY path, seq DESC";

    /// <summary>Every stored object's id, kind, flag and length (length() does not read a blob's overflow pages).</summary>
    public const string SelectObjects = "SELECT hash, kind, system, length(data) FROM aeor_objects";

    /// <summary>The bytes of a directory node or version record on the snapshot.</summary>
    public const string SelectObjectData = "SELECT data FROM aeor_objects WHERE hash = $hash";

    /// <summary>
    /// Deletes one swept object. Every row keyed by an object id goes here: a table that indexes objects is swept by
    /// one more statement in this text, which runs with the same parameter (for a reverse-reference index:
    /// <c>DELETE FROM aeor_refs WHERE hash = $hash;</c>).
    /// </summary>
    public const string DeleteObject = "DELETE FROM aeor_objects WHERE hash = $hash";

    public const string DeleteRoot = "DELETE FROM aeor_roots WHERE seq = $seq";

    public const string DeleteHistoryRow = "DELETE FROM aeor_history WHERE seq = $seq";
}
