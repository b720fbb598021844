using Microsoft.Data.Sqlite;

namespace AeorDb.Silo.Storage;

/// <summary>
/// Connection settings for the <c>-D</c> SQLite file, which Orleans' ADO.NET grain persistence and the
/// object store share.
/// <para>
/// Why these settings: Microsoft.Data.Sqlite leaves SQLite's own busy handler off (<c>busy_timeout</c> is 0
/// on every new connection) and, on SQLITE_BUSY, retries the statement itself after a fixed
/// <c>Thread.Sleep(150)</c> until the command timeout. Two writers colliding (a grain state write and a store
/// commit) would therefore cost 150 ms each time. Setting <c>PRAGMA busy_timeout</c> on every connection makes
/// SQLite wait inside the lock call with short back-offs instead (a 20 ms overlap then costs ~30 ms, not
/// 150). The pragma is per native handle and survives pooling, so it is set on open
/// (<see cref="BusyTimeoutSqliteDataSource"/>). Pooling stays on (opening a handle re-reads the schema).
/// Shared cache stays off: it trades file locks for table locks answered with SQLITE_LOCKED, which the
/// busy handler does not cover, and WAL already lets readers run beside the one writer.
/// WAL is set once on the file by <see cref="OrleansSqliteSchema"/>. <c>synchronous=NORMAL</c>, as on the
/// object store's writer: in WAL mode a commit is appended to the WAL without an fsync and the WAL is
/// synced at checkpoints, so an acknowledged write survives the process being killed (<c>kill -9</c>),
/// though not a power loss before the next checkpoint. FULL would add an fsync to every grain state write,
/// serialising every PUT behind the disk (measured: ~270 small PUTs/s at 16 connections).
/// </para>
/// </summary>
internal static class SqliteDatabase
{
    /// <summary>How long a writer waits for the file's write lock before failing (and the command timeout behind it).</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The connection string for a database file; the path is made absolute so the working directory cannot change which file is opened.</summary>
    public static string ConnectionString(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(databasePath),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = (int)BusyTimeout.TotalSeconds,
    }.ToString();

    /// <summary>Sets the busy timeout and sync level on an open connection (per native handle; kept while pooled).</summary>
    public static void ApplyPragmas(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();
    }
}
