using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AeorDb.Grains.Services.Storage;

/// <summary>Connections, pragmas and tables.</summary>
internal sealed partial class SqliteObjectStore
{
    private static string BuildConnectionString(string path, bool gatherWalWrites)
    {
        if (gatherWalWrites)
        {
            SqliteWalVfs.EnsureRegistered();
        }

        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,

            // The store keeps its connections open for its lifetime (prepared statements live on them), so the
            // library's pool would only keep file handles open after dispose.
            Pooling = false,
            Vfs = gatherWalWrites ? SqliteWalVfs.Name : null,
        }.ToString();
    }

    private SqliteWriteSession OpenWriter()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            connection.Execute($"PRAGMA busy_timeout = {BusyTimeoutMs()}");

            // page_size only takes effect on a file without tables, so it must precede journal_mode and
            // the first CREATE TABLE; an existing file keeps the size it was created with.
            connection.Execute($"PRAGMA page_size = {_options.PageSize}");

            // Likewise only on a new file: freed pages can then be given back to the file system after a garbage
            // collection without rewriting the whole file (incremental_vacuum moves the last pages into free ones).
            connection.Execute("PRAGMA auto_vacuum = INCREMENTAL");
            connection.Execute("PRAGMA journal_mode = WAL");

            // WAL + synchronous=NORMAL (durability normal): a commit is appended to the WAL without fsync, the WAL
            // is fsynced at checkpoints. A committed (acknowledged) transaction therefore survives the process being
            // killed (kill -9: the bytes are in the OS page cache and reach the WAL file), though not a power loss or
            // kernel crash before the next checkpoint. synchronous=FULL (durability full) fsyncs the WAL at every
            // commit, so each group commit is on the disk before any write in it is acknowledged.
            connection.Execute(_options.Durability == Durability.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            connection.Execute($"PRAGMA cache_size = -{_options.WriterCacheKiB}");
            connection.Execute($"PRAGMA mmap_size = {_options.MmapSizeBytes}");
            connection.Execute("PRAGMA temp_store = MEMORY");
            using (var transaction = connection.BeginTransaction(deferred: false))
            {
                using var create = connection.CreateCommand();
                create.Transaction = transaction;
                create.CommandText = SqliteStoreSql.CreateSchema;
                create.ExecuteNonQuery();
                transaction.Commit();
            }

            var pageSize = Convert.ToInt64(connection.Scalar("PRAGMA page_size"), CultureInfo.InvariantCulture);
            connection.Execute($"PRAGMA wal_autocheckpoint = {_options.WalAutoCheckpointBytes / pageSize}");
            var journal = Convert.ToString(connection.Scalar("PRAGMA journal_mode"), CultureInfo.InvariantCulture);
            LogOpened(_options.DatabasePath, pageSize, journal ?? "?");
            return new SqliteWriteSession(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private SqliteReadSession OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            connection.Execute($"PRAGMA busy_timeout = {BusyTimeoutMs()}");
            connection.Execute($"PRAGMA cache_size = -{_options.ReaderCacheKiB}");
            connection.Execute($"PRAGMA mmap_size = {_options.MmapSizeBytes}");
            connection.Execute("PRAGMA query_only = 1");
            return new SqliteReadSession(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private long BusyTimeoutMs() => (long)_options.BusyTimeout.TotalMilliseconds;

}
