using AeorDb.Grains.Services.Storage.Engine;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>
/// Every SQL statement of the PostgreSQL backend, mirroring <see cref="SqliteStoreSql"/>. The tables are
/// created by <c>deploy/postgres/aeordb-store.sql</c>, embedded in this assembly.
/// </summary>
internal static class PostgresStoreSql
{
    /// <summary>The embedded schema script's resource name.</summary>
    public const string SchemaResource = "AeorDb.Grains.Storage.Postgres.aeordb-store.sql";

    /// <summary>Advisory lock key held while the schema script runs, so concurrent first starts do not race.</summary>
    public const long SchemaLockKey = 0x6165_6F72_5374_6F72; // "aeorStor"

    /// <summary>The server's clock in ms since the epoch: the time of a put, shared by every silo.</summary>
    public const string NowMs = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

    /// <summary>Inserts an object, or refreshes the put time of one already stored (at most once a minute: garbage collection's minimum age).</summary>
    public const string InsertObject =
        $"INSERT INTO aeor_objects (hash, kind, system, data, put_at) VALUES ($1, $2, $3, $4, {NowMs}) "
        + "ON CONFLICT (hash) DO UPDATE SET put_at = excluded.put_at WHERE aeor_objects.put_at < excluded.put_at - 60000";

    public const string SelectObjectRecord = "SELECT kind, system, data FROM aeor_objects WHERE hash = $1";

    public const string SelectObjectData = "SELECT data FROM aeor_objects WHERE hash = $1";

    public const string SelectObjectInfo = "SELECT kind, system, octet_length(data) FROM aeor_objects WHERE hash = $1";

    public const string SelectObjectExists = "SELECT 1 FROM aeor_objects WHERE hash = $1";

    /// <summary>
    /// Whether an object is stored, for a writer that will rely on it (a pull skipping chunks it has): refreshes its put
    /// time like a put (at most once a minute), so another silo's garbage collection spares it too.
    /// </summary>
    public const string TouchObjectExists = $"""
        WITH touched AS (UPDATE aeor_objects SET put_at = {NowMs} WHERE hash = $1 AND put_at < {NowMs} - 60000 RETURNING 1)
        SELECT 1 FROM aeor_objects WHERE hash = $1 UNION ALL SELECT 1 FROM touched LIMIT 1
        """;

    /// <summary>The columns of a tree entry, in the order the readers decode them: shared by the catalog and the history.</summary>
    private const string EntryColumns = "path, kind, hash, size, content_type, target, created_at, updated_at, virtual_time, node_id";

    /// <summary>One row per array element: a whole commit's entries travel as ten arrays in one statement.</summary>
    private const string EntryArrays =
        "SELECT * FROM unnest($1::text[], $2::smallint[], $3::bytea[], $4::bigint[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[])";

    /// <summary>What an upsert of a tree entry by path overwrites: every column but the path.</summary>
    private const string EntryUpdates =
        "kind = excluded.kind, hash = excluded.hash, size = excluded.size, content_type = excluded.content_type, target = excluded.target, "
        + "created_at = excluded.created_at, updated_at = excluded.updated_at, virtual_time = excluded.virtual_time, node_id = excluded.node_id";

    public const string UpsertCatalog = $"""
        INSERT INTO aeor_catalog ({EntryColumns})
        {EntryArrays}
        ON CONFLICT (path) DO UPDATE SET
            {EntryUpdates}
        """;

    public const string InsertHistory = $"INSERT INTO aeor_history ({EntryColumns}) {EntryArrays}";

    public const string DeleteCatalog = "DELETE FROM aeor_catalog WHERE path = ANY($1)";

    public const string SelectCatalog = $"SELECT {EntryColumns} FROM aeor_catalog";

    /// <summary>The newest versions of each of several paths ($1), newest first per path.</summary>
    public const string SelectHistories = $"""
        SELECT {EntryColumns} FROM (
            SELECT {EntryColumns}, seq, row_number() OVER (PARTITION BY path ORDER BY seq DESC) AS rank
            FROM aeor_history WHERE path = ANY($1)) ranked
        WHERE rank <= 16
        ORDER BY path, seq DESC
        """;

    /// <summary>
    /// Makes each tombstone its path's current deletion, tagged with the root sequence the commit's root row got
    /// (inserted first in the same transaction).
    /// </summary>
    public const string UpsertDeletions = $"""
        INSERT INTO aeor_deletions ({EntryColumns}, root_seq)
        SELECT d.*, (SELECT max(seq) FROM aeor_roots) FROM ({EntryArrays}) d
        ON CONFLICT (path) DO UPDATE SET
            {EntryUpdates}, root_seq = excluded.root_seq
        """;

    /// <summary>Paths something was put at again: no longer deleted.</summary>
    public const string DeleteDeletions = "DELETE FROM aeor_deletions WHERE path = ANY($1)";

    /// <summary>Compare-and-swap of HEAD for a store that has none yet: affects no row when another commit made one.</summary>
    public const string CreateHead =
        "INSERT INTO aeor_head (id, root_hash, committed_at) VALUES (0, $1, $2) ON CONFLICT (id) DO NOTHING";

    /// <summary>Compare-and-swap of HEAD: affects no row when HEAD is no longer $3. Its row lock orders concurrent commits.</summary>
    public const string MoveHead =
        "UPDATE aeor_head SET root_hash = $1, committed_at = $2 WHERE id = 0 AND root_hash = $3";

    public const string InsertRoot = "INSERT INTO aeor_roots (root_hash, committed_at) VALUES ($1, $2)";

    public const string SelectHeadRoot = "SELECT root_hash FROM aeor_head WHERE id = 0";

    /// <summary>The reference index (<see cref="AeorDb.Grains.Interfaces.IObjectReferences"/>): objects ($1) committed under paths ($2).</summary>
    public const string InsertReferences =
        "INSERT INTO aeor_object_paths (hash, path) SELECT * FROM unnest($1::bytea[], $2::text[]) ON CONFLICT DO NOTHING";

    /// <summary>The statements the shared engine runs on PostgreSQL.</summary>
    public static StoreSql Engine { get; } = new()
    {
        SelectCatalog = SelectCatalog,
        SelectCatalogEntry = SelectCatalog + " WHERE path = $1",
        SelectHistory = $"SELECT {EntryColumns} FROM aeor_history WHERE path = $1 ORDER BY seq DESC LIMIT 16",
        SelectDeletionsSince = $"""
            SELECT {EntryColumns} FROM aeor_deletions
            WHERE root_seq > coalesce((SELECT min(seq) FROM aeor_roots WHERE root_hash = $1), 0)
            ORDER BY path
            """,
        SelectHeadRoot = SelectHeadRoot,
        SelectRootExists = "SELECT 1 FROM aeor_roots WHERE root_hash = $1 LIMIT 1",
        SelectReferencingPaths = "SELECT path FROM aeor_object_paths WHERE hash = $1 ORDER BY path LIMIT $2",

        // octet_length() of a TOASTed value reads its size from the TOAST pointer, not the value.
        SelectUsage = "SELECT count(*), coalesce(sum(octet_length(data)), 0)::bigint FROM aeor_objects",
        SelectReferencesBackfilled = "SELECT 1 FROM aeor_object_paths WHERE hash = ''::bytea AND path = ''",
        InsertReferencesBackfilled = "INSERT INTO aeor_object_paths (hash, path) VALUES (''::bytea, '') ON CONFLICT DO NOTHING",
        SelectHistoryReferences = """
            SELECT h.seq, h.path, h.kind, h.hash, coalesce(o.system, false), o.data FROM aeor_history h
            LEFT JOIN aeor_objects o ON h.kind = 2 AND o.hash = h.hash AND o.kind = 2
            WHERE h.kind IN (2, 8) AND h.seq > $1
            ORDER BY h.seq
            LIMIT $2
            """,

        // Integers as bigint: the mark phase buffers these rows, and a buffered row converts no column type.
        SelectRoots = "SELECT seq, root_hash, committed_at FROM aeor_roots ORDER BY seq DESC",
        SelectCatalogObjects = "SELECT kind::bigint, hash FROM aeor_catalog",
        SelectHistoryByPath = "SELECT seq, path, kind::bigint, hash, updated_at FROM aeor_history ORDER BY path, seq DESC",
        SelectObjects = "SELECT hash, kind::bigint, system, octet_length(data)::bigint, put_at FROM aeor_objects",
        SelectObjectData = "SELECT data FROM aeor_objects WHERE hash = $1",
    };
}
