namespace AeorDb.Grains.Services.Storage;

/// <summary>The SQL of the sweep on the SQLite backend (the mark phase's reads are in <see cref="SqliteStoreSql.Engine"/>).</summary>
internal static class SqliteCollectSql
{
    /// <summary>Deletes one swept object; <see cref="DeleteObjectReferences"/> follows it for every object it deleted.</summary>
    public const string DeleteObject = "DELETE FROM aeor_objects WHERE hash = $hash";

    /// <summary>The swept object's rows in the reverse-reference index (the paths /blobs authorizes it by).</summary>
    public const string DeleteObjectReferences = "DELETE FROM aeor_object_paths WHERE hash = $hash";

    public const string DeleteRoot = "DELETE FROM aeor_roots WHERE seq = $seq";

    public const string DeleteHistoryRow = "DELETE FROM aeor_history WHERE seq = $seq";
}
