-- AeorDB object store and tree store on PostgreSQL (the --cluster-db backend).
--
-- Idempotent: every statement creates only what is missing, so running this file again (or from
-- several silos starting at once: aeordb holds an advisory lock while it runs it) changes nothing.
-- aeordb applies it itself at start-up; operators may also run it ahead with
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f aeordb-store.sql
-- Table names carry the aeor_ prefix: the same database also holds Orleans' own tables.

-- Immutable, content-addressed objects (chunks, file version records, directory nodes, symlink
-- records) keyed by their 32-byte BLAKE3 id. kind: 1 chunk, 2 file version, 3 directory, 8 symlink.
CREATE TABLE IF NOT EXISTS aeor_objects (
    hash   bytea    NOT NULL PRIMARY KEY,
    kind   smallint NOT NULL,
    system boolean  NOT NULL,
    data   bytea    NOT NULL);

-- When the object was last put (ms since the epoch, the server's clock; a put of an object already stored
-- refreshes it at most once a minute). Garbage collection never sweeps an object put more recently than its
-- minimum age, which protects the uploads and pulls other silos have in flight.
ALTER TABLE aeor_objects ADD COLUMN IF NOT EXISTS put_at bigint NOT NULL DEFAULT 0;

-- Every entry of HEAD (files, symlinks, directories; not "/") with its metadata, keyed by path.
CREATE TABLE IF NOT EXISTS aeor_catalog (
    path         text COLLATE "C" NOT NULL PRIMARY KEY,
    kind         smallint NOT NULL,
    hash         bytea    NOT NULL,
    size         bigint   NOT NULL,
    content_type text,
    target       text,
    created_at   bigint   NOT NULL,
    updated_at   bigint   NOT NULL,
    virtual_time bigint   NOT NULL,
    node_id      bigint   NOT NULL);

-- HEAD: the one row holding the latest committed root. A tree commit moves it with a
-- compare-and-swap (UPDATE ... WHERE root_hash = <the root the commit was built on>), so two silos
-- can never both commit on top of the same HEAD.
CREATE TABLE IF NOT EXISTS aeor_head (
    id           smallint NOT NULL PRIMARY KEY CHECK (id = 0),
    root_hash    bytea    NOT NULL,
    committed_at bigint   NOT NULL);

-- Every root ever committed (for "is this root known here").
CREATE TABLE IF NOT EXISTS aeor_roots (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    root_hash    bytea  NOT NULL,
    committed_at bigint NOT NULL);
CREATE INDEX IF NOT EXISTS aeor_roots_hash ON aeor_roots (root_hash);

-- One row per file or symlink version a commit writes, and per deletion of one (kind 4, hash: the
-- version deleted, stamp: the deletion's): each path's durable version history.
CREATE TABLE IF NOT EXISTS aeor_history (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    path         text COLLATE "C" NOT NULL,
    kind         smallint NOT NULL,
    hash         bytea    NOT NULL,
    size         bigint   NOT NULL,
    content_type text,
    target       text,
    created_at   bigint   NOT NULL,
    updated_at   bigint   NOT NULL,
    virtual_time bigint   NOT NULL,
    node_id      bigint   NOT NULL);
CREATE INDEX IF NOT EXISTS aeor_history_path ON aeor_history (path, seq);

-- Each path whose latest commit deleted it (nothing put there since): its deletion record and the
-- sequence of the root that commit made, so /sync/diff can list the deletions since a root a peer saw.
CREATE TABLE IF NOT EXISTS aeor_deletions (
    path         text COLLATE "C" NOT NULL PRIMARY KEY,
    kind         smallint NOT NULL,
    hash         bytea    NOT NULL,
    size         bigint   NOT NULL,
    content_type text,
    target       text,
    created_at   bigint   NOT NULL,
    updated_at   bigint   NOT NULL,
    virtual_time bigint   NOT NULL,
    node_id      bigint   NOT NULL,
    root_seq     bigint   NOT NULL);
CREATE INDEX IF NOT EXISTS aeor_deletions_root_seq ON aeor_deletions (root_seq);

-- The reference index: each file version, chunk and symlink record a commit put, under the path it was
-- put at (rows kept when the path changes later), so a hash-addressed read (/blobs, /sync/chunks) is
-- authorized against the paths that refer to the object. Written in the commit's transaction.
CREATE TABLE IF NOT EXISTS aeor_object_paths (
    hash         bytea NOT NULL,
    path         text COLLATE "C" NOT NULL,
    PRIMARY KEY (hash, path));
