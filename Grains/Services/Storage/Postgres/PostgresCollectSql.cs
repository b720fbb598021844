namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>The SQL of garbage collection on the PostgreSQL backend (mirrors <see cref="SqliteCollectSql"/>); the engine's part is in <see cref="PostgresStoreSql.Engine"/>.</summary>
internal static class PostgresCollectSql
{
    public const string SelectNow = $"SELECT {PostgresStoreSql.NowMs}";

    public const string SelectRoots = "SELECT seq, root_hash, committed_at FROM aeor_roots ORDER BY seq DESC";

    /// <summary>Integers as bigint: the mark phase buffers these rows, and a buffered row converts no column type.</summary>
    public const string SelectCatalogObjects = "SELECT kind::bigint, hash FROM aeor_catalog";

    public const string SelectHistory = "SELECT seq, path, kind::bigint, hash, updated_at FROM aeor_history ORDER BY path, seq DESC";

    /// <summary>octet_length of a stored bytea reads its TOAST header only, never the value.</summary>
    public const string SelectObjects = "SELECT hash, kind::bigint, system, octet_length(data)::bigint, put_at FROM aeor_objects";

    public const string SelectObjectData = "SELECT data FROM aeor_objects WHERE hash = $1";

    /// <summary>
    /// Deletes swept objects ($1) unless put again since the cutoff ($2), and answers the ids it deleted: another silo's
    /// put waits for this delete or makes it skip the row. Rows keyed by an object id in other tables are swept here too,
    /// one CTE line each (the reverse-reference index <c>aeor_object_paths</c> is one).
    /// </summary>
    public const string DeleteObjects = """
        WITH swept AS (DELETE FROM aeor_objects WHERE hash = ANY($1) AND put_at < $2 RETURNING hash),
             refs AS (DELETE FROM aeor_object_paths WHERE hash IN (SELECT hash FROM swept))
        SELECT hash FROM swept
        """;

    public const string DeleteRoots = "DELETE FROM aeor_roots WHERE seq = ANY($1)";

    public const string DeleteHistoryRows = "DELETE FROM aeor_history WHERE seq = ANY($1)";
}
