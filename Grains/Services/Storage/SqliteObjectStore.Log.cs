using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Services.Storage;

/// <summary>Log messages of the SQLite store (event ids 3100-3199).</summary>
internal sealed partial class SqliteObjectStore
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Object store opened at {DatabasePath} (page size {PageSize}, journal {JournalMode})")]
    private partial void LogOpened(string databasePath, long pageSize, string journalMode);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Compaction after garbage collection failed; the freed pages stay in the file for reuse")]
    private partial void LogCompactionFailed(Exception exception);
}
