using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Services.Storage.Engine;

/// <summary>Log messages of the shared engine (event ids 3300-3349).</summary>
internal abstract partial class SqlNodeStore
{
    [LoggerMessage(EventId = 3301, Level = LogLevel.Trace, Message = "Group commit of {Count} writes")]
    private partial void LogBatchCommitted(int count);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Error, Message = "Group commit of {Count} writes failed; none was stored")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Information, Message = "Group commit of {Count} writes aborted by the database ({Reason}); retrying, attempt {Attempt}")]
    private partial void LogBatchRetry(int count, string reason, int attempt);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Information, Message = "Garbage collection (dry run {DryRun}): {Versions} versions scanned, {Live} live objects, {Garbage} garbage objects, {Bytes} bytes in {DurationMs} ms")]
    private partial void LogCollected(bool dryRun, long versions, long live, long garbage, long bytes, long durationMs);

    [LoggerMessage(EventId = 3305, Level = LogLevel.Information, Message = "Reference index filled from the history: {Rows} rows")]
    private partial void LogReferencesBackfilled(int rows);
}
