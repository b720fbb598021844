namespace AeorDb.Tests.TestSupport;

/// <summary>A storage backend a store test runs against.</summary>
public enum StoreBackend
{
    /// <summary>The embedded SQLite file.</summary>
    Sqlite,

    /// <summary>PostgreSQL (<c>--cluster-db</c>), on a fresh database of the test server.</summary>
    Postgres,
}
