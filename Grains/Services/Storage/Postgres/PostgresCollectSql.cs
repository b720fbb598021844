namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>The SQL of the sweep on the PostgreSQL backend (the mark phase's reads are in <see cref="PostgresStoreSql.Engine"/>).</summary>
internal static class PostgresCollectSql
{
    public const string SelectNow = $"SELECT {PostgresStoreSql.NowMs}";

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
