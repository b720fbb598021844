using AeorDb.Grains.Services.Storage;
using Microsoft.Data.Sqlite;
using Xunit;

namespace AeorDb.Tests.Services.Storage;

/// <summary>
/// The WAL-gathering VFS (<see cref="SqliteWalVfs"/>) and the background checkpoint (<see cref="SqliteCheckpointer"/>):
/// what SQLite guarantees must still hold (other connections see each commit at once, a crash leaves every committed
/// transaction and nothing else, rewritten and rolled-back frames end up as without the VFS), and the frames must
/// really reach the kernel in few writes. The VFS counts write calls process-wide, so these tests run alone
/// (<see cref="SqliteWalVfsCollection"/>): another test's commits cannot land in the count.
/// </summary>
[Collection(SqliteWalVfsCollection.Name)]
public sealed class SqliteWalVfsTests : StoreTests
{
    [Fact]
    public void Commits_AreSeenByAnotherConnectionAtOnce_AndSurviveACrash()
    {
        using var writer = OpenWriter(Fixture.DatabasePath, cachePages: 16);
        using var reader = Open(Fixture.DatabasePath, vfs: null);
        var random = new Random(7);
        long rows = 0, bytes = 0;
        for (var round = 0; round < 40; round++)
        {
            using var transaction = writer.BeginTransaction();
            // Random keys touch pages all over the index; a 16-page cache makes SQLite spill and rewrite frames mid-transaction.
            var count = round == 20 ? 600 : 25;
            for (var i = 0; i < count; i++)
            {
                var size = random.Next(100, 3000);
                Insert(writer, transaction, random, size);
                rows++;
                bytes += size;
            }

            if (round % 5 == 0)
            {
                // Rows written after a savepoint and rolled back to it must not survive.
                writer.Execute("SAVEPOINT undo", transaction);
                for (var i = 0; i < 40; i++)
                {
                    Insert(writer, transaction, random, 2000);
                }

                writer.Execute("ROLLBACK TO undo", transaction);
                writer.Execute("RELEASE undo", transaction);
            }

            transaction.Commit();
            Assert.Equal((rows, bytes), Totals(reader));
        }

        // What kill -9 leaves: the files as they are, the WAL never checkpointed.
        var crashed = Path.Combine(Fixture.Directory, "crashed.aeordb");
        File.Copy(Fixture.DatabasePath, crashed);
        File.Copy(Fixture.DatabasePath + "-wal", crashed + "-wal");
        using var recovered = Open(crashed, SqliteWalVfs.Name);
        Assert.Equal("ok", recovered.Scalar("PRAGMA integrity_check"));
        Assert.Equal((rows, bytes), Totals(recovered));
    }

    [Fact]
    public void AGroupCommit_ReachesTheWalInAFewWrites()
    {
        using var writer = OpenWriter(Fixture.DatabasePath, cachePages: 2000);
        using var transaction = writer.BeginTransaction();
        var random = new Random(11);
        for (var i = 0; i < 400; i++)
        {
            Insert(writer, transaction, random, 1000);
        }

        var before = SqliteWalVfs.WalWriteCalls;
        var bytesBefore = SqliteWalVfs.WalBytesWritten;
        transaction.Commit();
        var calls = SqliteWalVfs.WalWriteCalls - before;
        var bytes = SqliteWalVfs.WalBytesWritten - bytesBefore;

        // About 110 frames (two calls each on the default VFS) in at most one call per buffer, plus the header and the odd
        // call of the connection's own housekeeping: a bound rather than an exact count.
        Assert.True(bytes >= 100 * 4096, $"{bytes} bytes reached the WAL");
        Assert.InRange(calls, 1, (bytes / SqliteWalVfs.BufferBytes) + 10);
    }

    [Fact]
    public async Task TheBackgroundCheckpoint_CopiesTheWalIntoTheDatabaseFile()
    {
        // The writer never checkpoints (0): only the background thread can move pages into the database file.
        var store = await Fixture.OpenAsync(configure: o => { o.WalAutoCheckpointBytes = 0; o.BackgroundCheckpointBytes = 256 * 1024; });
        var initial = new FileInfo(Fixture.DatabasePath).Length;
        var chunks = await PutChunksAsync(store, count: 64, size: 32 * 1024);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (new FileInfo(Fixture.DatabasePath).Length < initial + (1024 * 1024))
        {
            Assert.True(DateTime.UtcNow < deadline, "the database file did not grow: no background checkpoint ran");
            await Task.Delay(20);
        }

        foreach (var (hash, data) in chunks)
        {
            var buffer = new byte[data.Length];
            Assert.Equal(data.Length, await store.ReadAsync(hash, buffer));
            Assert.Equal(data, buffer);
        }
    }

    [Fact]
    public async Task WithoutTheBackgroundCheckpoint_TheDatabaseFileWaitsForTheWritersOwn()
    {
        // The control for the test above: same writes, no checkpoint of either kind, so the pages stay in the WAL.
        var store = await Fixture.OpenAsync(configure: o => { o.WalAutoCheckpointBytes = 0; o.BackgroundCheckpointBytes = 0; });
        var initial = new FileInfo(Fixture.DatabasePath).Length;
        await PutChunksAsync(store, count: 64, size: 32 * 1024);
        Assert.Equal(initial, new FileInfo(Fixture.DatabasePath).Length);
        Assert.True(new FileInfo(Fixture.DatabasePath + "-wal").Length > 2 * 1024 * 1024);
    }

    private static async Task<List<(byte[] Hash, byte[] Data)>> PutChunksAsync(SqliteObjectStore store, int count, int size)
    {
        var chunks = new List<(byte[], byte[])>();
        for (var i = 0; i < count; i++)
        {
            var data = ObjectStoreObjectTests.RandomBytes(size);
            chunks.Add((await store.PutChunkAsync(data, system: false), data));
        }

        return chunks;
    }

    private static SqliteConnection OpenWriter(string path, int cachePages)
    {
        var connection = Open(path, SqliteWalVfs.Name);
        connection.Execute("PRAGMA journal_mode = WAL");
        connection.Execute("PRAGMA synchronous = NORMAL");
        connection.Execute("PRAGMA wal_autocheckpoint = 0");
        connection.Execute($"PRAGMA cache_size = {cachePages}");
        connection.Execute("CREATE TABLE IF NOT EXISTS t (k BLOB PRIMARY KEY, v BLOB NOT NULL)");
        return connection;
    }

    private static SqliteConnection Open(string path, string? vfs)
    {
        SqliteWalVfs.EnsureRegistered();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Vfs = vfs }.ToString());
        connection.Open();
        return connection;
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, Random random, int size)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO t (k, v) VALUES ($k, $v)";
        var key = new byte[16];
        random.NextBytes(key);
        var value = new byte[size];
        random.NextBytes(value);
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$v", value);
        command.ExecuteNonQuery();
    }

    private static (long Rows, long Bytes) Totals(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(sum(length(v)), 0) FROM t";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}

/// <summary>Runs its tests with no other test in parallel (<see cref="SqliteWalVfsTests"/>).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SqliteWalVfsCollection
{
    public const string Name = "SQLite WAL VFS, alone";
}
