-- AeorDB scale-out: what Orleans' ADO.NET clustering and grain persistence need in PostgreSQL (15 or later).
--
-- Idempotent: every table and index is created only when missing, every function is replaced, every query row
-- is upserted, so running it again (every silo does at start, under an advisory lock) changes nothing and an
-- upgrade replaces the query texts in place. Apply by hand with:
--   psql "$AEORDB_CLUSTER_DB" -v ON_ERROR_STOP=1 -1 -f deploy/postgres/orleans.sql
--
-- Written against the providers' table, column and parameter names (Microsoft.Orleans.Clustering.AdoNet and
-- Microsoft.Orleans.Persistence.AdoNet, invariant "Npgsql"); the membership functions follow the shape of
-- Orleans' own PostgreSQL scripts (MIT). Orleans reads result columns by name and binds parameters by name, so
-- those names must not change.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64)   NOT NULL,
    querytext varchar(8000) NOT NULL,
    CONSTRAINT orleansquery_key PRIMARY KEY (querykey)
);

-- Membership ---------------------------------------------------------------------------------------------------

-- One row per deployment; its version is the membership table's etag.
CREATE TABLE IF NOT EXISTS orleansmembershipversiontable
(
    deploymentid varchar(150)   NOT NULL,
    timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT pk_orleansmembershipversiontable_deploymentid PRIMARY KEY (deploymentid)
);

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS orleansmembershiptable
(
    deploymentid varchar(150)   NOT NULL,
    address      varchar(45)    NOT NULL,
    port         integer        NOT NULL,
    generation   integer        NOT NULL,
    siloname     varchar(150)   NOT NULL,
    hostname     varchar(150)   NOT NULL,
    status       integer        NOT NULL,
    proxyport    integer        NULL,
    suspecttimes varchar(8000)  NULL,
    starttime    timestamptz(3) NOT NULL,
    iamalivetime timestamptz(3) NOT NULL,
    CONSTRAINT pk_membershiptable_deploymentid PRIMARY KEY (deploymentid, address, port, generation),
    CONSTRAINT fk_membershiptable_membershipversiontable_deploymentid
        FOREIGN KEY (deploymentid) REFERENCES orleansmembershipversiontable (deploymentid)
);

CREATE OR REPLACE FUNCTION update_i_am_alive_time(
    deployment_id   varchar,
    address_arg     varchar,
    port_arg        integer,
    generation_arg  integer,
    i_am_alive_time timestamptz)
  RETURNS void AS
$func$
BEGIN
    -- Orleans neither expects this to fail nor reads a result.
    UPDATE orleansmembershiptable AS d
    SET iamalivetime = i_am_alive_time
    WHERE d.deploymentid = deployment_id AND deployment_id IS NOT NULL
        AND d.address = address_arg AND address_arg IS NOT NULL
        AND d.port = port_arg AND port_arg IS NOT NULL
        AND d.generation = generation_arg AND generation_arg IS NOT NULL;
END
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION insert_membership_version(
    deploymentidarg varchar)
  RETURNS TABLE(row_count integer) AS
$func$
DECLARE
    rowcountvar int := 0;
BEGIN
    INSERT INTO orleansmembershipversiontable (deploymentid)
    SELECT deploymentidarg
    ON CONFLICT (deploymentid) DO NOTHING;
    GET DIAGNOSTICS rowcountvar = ROW_COUNT;
    RETURN QUERY SELECT rowcountvar;
END
$func$ LANGUAGE plpgsql;

-- Inserts the silo's row and bumps the table version, both or neither: the version bump only happens when the
-- row was inserted and the caller's version is current; otherwise the insert is rolled back (the assert).
CREATE OR REPLACE FUNCTION insert_membership(
    deploymentidarg varchar,
    addressarg      varchar,
    portarg         integer,
    generationarg   integer,
    silonamearg     varchar,
    hostnamearg     varchar,
    statusarg       integer,
    proxyportarg    integer,
    starttimearg    timestamptz,
    iamalivetimearg timestamptz,
    versionarg      integer)
  RETURNS TABLE(row_count integer) AS
$func$
DECLARE
    rowcountvar int := 0;
BEGIN
    BEGIN
        INSERT INTO orleansmembershiptable
            (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
        SELECT deploymentidarg, addressarg, portarg, generationarg, silonamearg, hostnamearg, statusarg, proxyportarg,
            starttimearg, iamalivetimearg
        ON CONFLICT (deploymentid, address, port, generation) DO NOTHING;
        GET DIAGNOSTICS rowcountvar = ROW_COUNT;

        UPDATE orleansmembershipversiontable
        SET timestamp = now(), version = version + 1
        WHERE deploymentid = deploymentidarg AND deploymentidarg IS NOT NULL
            AND version = versionarg AND versionarg IS NOT NULL
            AND rowcountvar > 0;
        GET DIAGNOSTICS rowcountvar = ROW_COUNT;

        ASSERT rowcountvar <> 0, 'no rows affected, rollback';
        RETURN QUERY SELECT rowcountvar;
    EXCEPTION
    WHEN assert_failure THEN
        RETURN QUERY SELECT rowcountvar;
    END;
END
$func$ LANGUAGE plpgsql;

-- Updates the silo's row when the caller's table version is current, bumping it; all or nothing as above.
CREATE OR REPLACE FUNCTION update_membership(
    deploymentidarg varchar,
    addressarg      varchar,
    portarg         integer,
    generationarg   integer,
    statusarg       integer,
    suspecttimesarg varchar,
    iamalivetimearg timestamptz,
    versionarg      integer)
  RETURNS TABLE(row_count integer) AS
$func$
DECLARE
    rowcountvar int := 0;
BEGIN
    BEGIN
        UPDATE orleansmembershipversiontable
        SET timestamp = now(), version = version + 1
        WHERE deploymentid = deploymentidarg AND deploymentidarg IS NOT NULL
            AND version = versionarg AND versionarg IS NOT NULL;
        GET DIAGNOSTICS rowcountvar = ROW_COUNT;

        UPDATE orleansmembershiptable
        SET status = statusarg, suspecttimes = suspecttimesarg, iamalivetime = iamalivetimearg
        WHERE deploymentid = deploymentidarg AND deploymentidarg IS NOT NULL
            AND address = addressarg AND addressarg IS NOT NULL
            AND port = portarg AND portarg IS NOT NULL
            AND generation = generationarg AND generationarg IS NOT NULL
            AND rowcountvar > 0;
        GET DIAGNOSTICS rowcountvar = ROW_COUNT;

        ASSERT rowcountvar <> 0, 'no rows affected, rollback';
        RETURN QUERY SELECT rowcountvar;
    EXCEPTION
    WHEN assert_failure THEN
        RETURN QUERY SELECT rowcountvar;
    END;
END
$func$ LANGUAGE plpgsql;

-- Grain state ---------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS orleansstorage
(
    grainidhash            integer      NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    graintypehash          integer      NOT NULL,
    graintypestring        varchar(512) NOT NULL,
    grainidextensionstring varchar(512) NULL,
    serviceid              varchar(150) NOT NULL,
    payloadbinary          bytea        NULL,
    modifiedon             timestamptz  NOT NULL,
    version                integer      NOT NULL
);

-- The grain's full identity is unique (a missing key extension counts as one value), so two activations of one
-- grain racing to write its first state cannot both insert: the loser gets no row back and Orleans raises
-- InconsistentStateException. This is what keeps a concurrent first start of two silos to one node id.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain ON orleansstorage
    (grainidhash, graintypehash, grainidn0, grainidn1, graintypestring, grainidextensionstring, serviceid)
    NULLS NOT DISTINCT;

-- Query rows ----------------------------------------------------------------------------------------------------

INSERT INTO orleansquery (querykey, querytext) VALUES
(
    'UpdateIAmAlivetimeKey',
    'SELECT * FROM update_i_am_alive_time(@DeploymentId, @Address, @Port, @Generation, @IAmAliveTime);'
),
(
    'InsertMembershipVersionKey',
    'SELECT * FROM insert_membership_version(@DeploymentId);'
),
(
    'InsertMembershipKey',
    'SELECT * FROM insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
        @ProxyPort, @StartTime, @IAmAliveTime, @Version);'
),
(
    'UpdateMembershipKey',
    'SELECT * FROM update_membership(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
        @IAmAliveTime, @Version);'
),
(
    'MembershipReadRowKey',
    'SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
        m.suspecttimes, m.starttime, m.iamalivetime, v.version
    FROM orleansmembershipversiontable v
        LEFT OUTER JOIN orleansmembershiptable m ON v.deploymentid = m.deploymentid
            AND m.address = @Address AND @Address IS NOT NULL
            AND m.port = @Port AND @Port IS NOT NULL
            AND m.generation = @Generation AND @Generation IS NOT NULL
    WHERE v.deploymentid = @DeploymentId AND @DeploymentId IS NOT NULL;'
),
(
    'MembershipReadAllKey',
    'SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
        m.suspecttimes, m.starttime, m.iamalivetime, v.version
    FROM orleansmembershipversiontable v
        LEFT OUTER JOIN orleansmembershiptable m ON v.deploymentid = m.deploymentid
    WHERE v.deploymentid = @DeploymentId AND @DeploymentId IS NOT NULL;'
),
(
    'DeleteMembershipTableEntriesKey',
    'DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId AND @DeploymentId IS NOT NULL;
    DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId AND @DeploymentId IS NOT NULL;'
),
(
    'GatewaysQueryKey',
    'SELECT address, proxyport, generation
    FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND @DeploymentId IS NOT NULL
        AND status = @Status AND @Status IS NOT NULL
        AND proxyport > 0;'
),
(
    'CleanupDefunctSiloEntriesKey',
    'DELETE FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND @DeploymentId IS NOT NULL
        AND iamalivetime < @IAmAliveTime
        AND status != 3;'
),
(
    -- First write (no etag) inserts version 1; an existing row is updated only when its version equals the etag.
    -- Orleans raises InconsistentStateException when no row comes back for a first write, or when the returned
    -- version equals the etag it sent: the second branch returns the etag unchanged when the update matched nothing.
    'WriteToStorageKey',
    'WITH written AS (
        INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
            grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
        SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
            @ServiceId, @PayloadBinary, now(), 1
        WHERE @GrainStateVersion IS NULL OR EXISTS (
            SELECT 1 FROM orleansstorage
            WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
                AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
                AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString AND serviceid = @ServiceId)
        ON CONFLICT (grainidhash, graintypehash, grainidn0, grainidn1, graintypestring, grainidextensionstring, serviceid)
        DO UPDATE SET payloadbinary = excluded.payloadbinary, modifiedon = excluded.modifiedon,
            version = orleansstorage.version + 1
        WHERE orleansstorage.version = @GrainStateVersion
        RETURNING version
    )
    SELECT version AS NewGrainStateVersion FROM written
    UNION ALL
    SELECT @GrainStateVersion WHERE @GrainStateVersion IS NOT NULL AND NOT EXISTS (SELECT 1 FROM written);'
),
(
    'ReadFromStorageKey',
    'SELECT payloadbinary AS PayloadBinary, version AS Version
    FROM orleansstorage
    WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
        AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
        AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString AND serviceid = @ServiceId
    LIMIT 1;'
),
(
    -- Clearing keeps the row (payload NULL, version bumped) so a later write still checks versions.
    'ClearStorageKey',
    'UPDATE orleansstorage
    SET payloadbinary = NULL, modifiedon = now(), version = version + 1
    WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
        AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
        AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString AND serviceid = @ServiceId
        AND version = @GrainStateVersion
    RETURNING version AS NewGrainStateVersion;'
)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
