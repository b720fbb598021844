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

    /// <summary>Every stored object's id, kind, flag, length (length() does not read a blob's overflow pages) and put time (untracked: 0).</summary>
    public const string SelectObjects = "SELECT hash, kind, system, length(data), 0 FROM aeor_objects";

    /// <summary>The bytes of a directory node or version record on the snapshot.</summary>
    public const string SelectObjectData = "SELECT data FROM aeor_objects WHERE hash = $hash";

    /// <summary>Deletes one swept object; <see cref="DeleteObjectReferences"/> follows it for every object it deleted.</summary>
    public const string DeleteObject = "DELETE FROM aeor_objects WHERE hash = $hash";

    /// <summary>The swept object's rows in the reverse-reference index (the paths /blobs authorizes it by).</summary>
    public const string DeleteObjectReferences = "DELETE FROM aeor_object_paths WHERE hash = $hash";

    public const string DeleteRoot = "DELETE FROM aeor_roots WHERE seq = $seq";

    public const string DeleteHistoryRow = "DELETE FROM aeor_history WHERE seq = $seq";
}
