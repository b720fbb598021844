using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Services.Storage;

/// <summary>Log messages of the SQLite store (event ids 3100-3199).</summary>
internal sealed partial class SqliteObjectStore
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Object store opened at {DatabasePath} (page size {PageSize}, journal {JournalMode})")]
    private partial void LogOpened(string databasePath, long pageSize, string journalMode);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Trace, Message = "Group commit of {Count} writes")]
    private partial void LogBatchCommitted(int count);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Group commit of {Count} writes failed; none was stored")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Garbage collection (dry run {DryRun}): {Versions} versions scanned, {Live} live objects, {Garbage} garbage objects, {Bytes} bytes in {DurationMs} ms")]
    private partial void LogCollected(bool dryRun, long versions, long live, long garbage, long bytes, long durationMs);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Compaction after garbage collection failed; the freed pages stay in the file for reuse")]
    private partial void LogCompactionFailed(Exception exception);
}
