using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// Copies the WAL into the database file on a connection and thread of its own (<c>PRAGMA wal_checkpoint(PASSIVE)</c>),
/// each time the WAL grew by <see cref="SqliteStoreOptions.BackgroundCheckpointBytes"/>, so the writer's commits do not
/// stop for it. A checkpoint run by the committing writer (SQLite's automatic one) copied and fsynced up to 32 MiB of
/// frames inside one COMMIT: about 40 ms, once every 40 group commits, a third of the writer's time under small PUTs
/// (bench/RESULTS.md, "Storage engine: WAL frames in one write"). A passive checkpoint never waits for and never blocks
/// the writer or a reader. It cannot rewind the WAL while writes go on (SQLite does that at the start of a write once
/// every frame was copied), so the writer keeps an automatic checkpoint as a backstop at a larger size
/// (<see cref="SqliteStoreOptions.WalAutoCheckpointBytes"/>), which then finds only the frames written since the last
/// background pass still to copy.
/// </summary>
internal sealed partial class SqliteCheckpointer : IDisposable
{
    private readonly string _connectionString;
    private readonly long _everyBytes;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _lastBytes;

    public SqliteCheckpointer(string connectionString, long everyBytes, ILogger logger)
    {
        _connectionString = connectionString;
        _everyBytes = Math.Max(1, everyBytes);
        _logger = logger;
        _lastBytes = SqliteWalVfs.WalBytesWritten;
        _thread = new Thread(Run) { IsBackground = true, Name = "aeordb-checkpoint" };
        _thread.Start();
    }

    /// <summary>After a commit: wakes the thread once the WAL grew enough since its last pass.</summary>
    public void Committed()
    {
        if (SqliteWalVfs.WalBytesWritten - Volatile.Read(ref _lastBytes) < _everyBytes || _wake.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another commit woke it first.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
        _wake.Dispose();
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        try
        {
            while (true)
            {
                _wake.Wait(_stop.Token);
                Volatile.Write(ref _lastBytes, SqliteWalVfs.WalBytesWritten);
                try
                {
                    connection ??= Open();
                    using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                    command.ExecuteNonQuery();
                }
                catch (SqliteException exception)
                {
                    // The writer's own checkpoint still runs at the backstop size; the next pass tries again.
                    LogCheckpointFailed(exception);
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Background WAL checkpoint failed")]
    private partial void LogCheckpointFailed(Exception exception);
}
