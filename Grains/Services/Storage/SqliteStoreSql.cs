using AeorDb.Grains.Services.Storage.Engine;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// Every SQL statement of the SQLite backend, in one place, so a PostgreSQL backend can mirror the same
/// tables and queries. Table names carry the <c>aeor_</c> prefix because the same file also holds
/// Orleans' grain-state tables.
/// </summary>
internal static class SqliteStoreSql
{
    /// <summary>The column definitions of a tree entry after its path: shared by the catalog, the history and the deletions.</summary>
    private const string EntryColumnDefinitions =
        "kind INTEGER NOT NULL, hash BLOB NOT NULL, size INTEGER NOT NULL, content_type TEXT, target TEXT, "
        + "created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, virtual_time INTEGER NOT NULL, node_id INTEGER NOT NULL";

    /// <summary>
    /// Objects live in a rowid table: rows are appended in rowid order (sequential pages for the large
    /// chunk payloads) while the primary-key index on the 32-byte hash takes the random inserts.
    /// </summary>
    public const string CreateSchema = $$"""
        CREATE TABLE IF NOT EXISTS aeor_objects (
            hash   BLOB    NOT NULL PRIMARY KEY,
            kind   INTEGER NOT NULL,
            system INTEGER NOT NULL,
            data   BLOB    NOT NULL);
        CREATE TABLE IF NOT EXISTS aeor_catalog (
            path         TEXT    NOT NULL PRIMARY KEY,
            {{EntryColumnDefinitions}});
        CREATE TABLE IF NOT EXISTS aeor_roots (
            seq          INTEGER PRIMARY KEY AUTOINCREMENT,
            root_hash    BLOB    NOT NULL,
            committed_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS aeor_roots_hash ON aeor_roots (root_hash);
        CREATE TABLE IF NOT EXISTS aeor_history (
            seq          INTEGER PRIMARY KEY AUTOINCREMENT,
            path         TEXT    NOT NULL,
            {{EntryColumnDefinitions}});
        CREATE INDEX IF NOT EXISTS aeor_history_path ON aeor_history (path, seq);
        CREATE TABLE IF NOT EXISTS aeor_deletions (
            path         TEXT    NOT NULL PRIMARY KEY,
            {{EntryColumnDefinitions}},
            root_seq     INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS aeor_deletions_root_seq ON aeor_deletions (root_seq);
        CREATE TABLE IF NOT EXISTS aeor_object_paths (
            hash         BLOB    NOT NULL,
            path         TEXT    NOT NULL,
            PRIMARY KEY (hash, path)) WITHOUT ROWID;
        """;

    /// <summary>The reference index (<see cref="AeorDb.Grains.Interfaces.IObjectReferences"/>): an object committed under a path.</summary>
    public const string InsertReference = "INSERT OR IGNORE INTO aeor_object_paths (hash, path) VALUES ($hash, $path)";

    public const string InsertObject =
        "INSERT OR IGNORE INTO aeor_objects (hash, kind, system, data) VALUES ($hash, $kind, $system, $data)";

    /// <summary>Reserves the row with a zero-filled blob of the final length; the bytes are then written through the blob API.</summary>
    public const string InsertObjectZeroBlob =
        "INSERT OR IGNORE INTO aeor_objects (hash, kind, system, data) VALUES ($hash, $kind, $system, zeroblob($length))";

    public const string SelectObjectRecord = "SELECT kind, system, data FROM aeor_objects WHERE hash = $hash";

    /// <summary>The bytes of an inline object, or the segment location of one stored in a segment file (<see cref="SqliteSegmentSql"/>).</summary>
    public const string SelectObjectData = "SELECT data, segment, seg_offset, seg_length FROM aeor_objects WHERE hash = $hash";

    /// <summary>length() of a blob column does not read its overflow pages.</summary>
    public const string SelectObjectInfo = $"SELECT kind, system, {SqliteSegmentSql.LengthExpression} FROM aeor_objects WHERE hash = $hash";

    public const string SelectObjectExists = "SELECT 1 FROM aeor_objects WHERE hash = $hash";

    /// <summary>The columns of a tree entry, in the order the readers decode them: shared by the catalog and the history.</summary>
    private const string EntryColumns = "path, kind, hash, size, content_type, target, created_at, updated_at, virtual_time, node_id";

    private const string EntryValues = "$path, $kind, $hash, $size, $content_type, $target, $created_at, $updated_at, $virtual_time, $node_id";

    /// <summary>What an upsert of a tree entry by path overwrites: every column but the path.</summary>
    private const string EntryUpdates =
        "kind = excluded.kind, hash = excluded.hash, size = excluded.size, content_type = excluded.content_type, target = excluded.target, "
        + "created_at = excluded.created_at, updated_at = excluded.updated_at, virtual_time = excluded.virtual_time, node_id = excluded.node_id";

    public const string UpsertCatalog = $$"""
        INSERT INTO aeor_catalog ({{EntryColumns}})
        VALUES ({{EntryValues}})
        ON CONFLICT (path) DO UPDATE SET
            {{EntryUpdates}}
        """;

    public const string DeleteCatalog = "DELETE FROM aeor_catalog WHERE path = $path";

    public const string SelectCatalog =
        $"SELECT {EntryColumns} FROM aeor_catalog";

    /// <summary>One row per file or symlink version a commit writes: the path's durable version history.</summary>
    public const string InsertHistory = $"INSERT INTO aeor_history ({EntryColumns}) VALUES ({EntryValues})";

    /// <summary>
    /// Makes a tombstone the path's current deletion, tagged with the commit's root sequence (the root row is written
    /// first in the same transaction), so the engine's <see cref="StoreSql.SelectDeletionsSince"/> finds it by the roots a peer has seen.
    /// </summary>
    public const string UpsertDeletion = $$"""
        INSERT INTO aeor_deletions ({{EntryColumns}}, root_seq)
        VALUES ({{EntryValues}}, (SELECT max(seq) FROM aeor_roots))
        ON CONFLICT (path) DO UPDATE SET
            {{EntryUpdates}}, root_seq = excluded.root_seq
        """;

    /// <summary>Something was put at the path again: it is no longer deleted.</summary>
    public const string DeleteDeletion = "DELETE FROM aeor_deletions WHERE path = $path";

    /// <summary>Every history row, newest first: one sequential pass for histories of a large share of all paths.</summary>
    public const string SelectAllHistory = $"SELECT {EntryColumns} FROM aeor_history ORDER BY seq DESC";

    /// <summary>How many history rows were ever written (the sequence never goes back), to choose between lookups and one pass.</summary>
    public const string SelectHistoryRows = "SELECT coalesce(max(seq), 0) FROM aeor_history";

    public const string InsertRoot = "INSERT INTO aeor_roots (root_hash, committed_at) VALUES ($root_hash, $committed_at)";

    public const string SelectHeadRoot = "SELECT root_hash FROM aeor_roots ORDER BY seq DESC LIMIT 1";

    /// <summary>The statements the shared engine runs on SQLite.</summary>
    public static StoreSql Engine { get; } = new()
    {
        SelectCatalog = SelectCatalog,
        SelectCatalogEntry = SelectCatalog + " WHERE path = $path",
        SelectHistory = $"SELECT {EntryColumns} FROM aeor_history WHERE path = $path ORDER BY seq DESC LIMIT 16",
        SelectDeletionsSince = $"""
            SELECT {EntryColumns} FROM aeor_deletions
            WHERE root_seq > coalesce((SELECT min(seq) FROM aeor_roots WHERE root_hash = $root_hash), 0)
            ORDER BY path
            """,
        SelectHeadRoot = SelectHeadRoot,
        SelectRootExists = "SELECT 1 FROM aeor_roots WHERE root_hash = $root_hash LIMIT 1",
        SelectReferencingPaths = "SELECT path FROM aeor_object_paths WHERE hash = $hash ORDER BY path LIMIT $limit",

        // length() of a blob column does not read its overflow pages.
        SelectUsage = $"SELECT count(*), coalesce(sum({SqliteSegmentSql.LengthExpression}), 0) FROM aeor_objects",
        SelectReferencesBackfilled = "SELECT 1 FROM aeor_object_paths WHERE hash = x'' AND path = ''",
        InsertReferencesBackfilled = "INSERT OR IGNORE INTO aeor_object_paths (hash, path) VALUES (x'', '')",
        SelectHistoryReferences = """
            SELECT h.seq, h.path, h.kind, h.hash, coalesce(o.system, 0), o.data FROM aeor_history h
            LEFT JOIN aeor_objects o ON h.kind = 2 AND o.hash = h.hash AND o.kind = 2
            WHERE h.kind IN (2, 8) AND h.seq > $after
            ORDER BY h.seq
            LIMIT $limit
            """,
        SelectRoots = "SELECT seq, root_hash, committed_at FROM aeor_roots ORDER BY seq DESC",
        SelectCatalogObjects = "SELECT kind, hash FROM aeor_catalog",
        SelectHistoryByPath = "SELECT seq, path, kind, hash, updated_at FROM aeor_history ORDER BY path, seq DESC",
        SelectObjects = $"SELECT hash, kind, system, {SqliteSegmentSql.LengthExpression}, 0 FROM aeor_objects",
        SelectObjectData = "SELECT data FROM aeor_objects WHERE hash = $hash",
    };
}
