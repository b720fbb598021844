using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>Log messages of the PostgreSQL store (event ids 3200-3299).</summary>
internal sealed partial class PostgresObjectStore
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Object store opened on PostgreSQL {Host}:{Port}, database {Database}")]
    private partial void LogOpened(string host, int port, string database);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Trace, Message = "Group commit of {Count} writes")]
    private partial void LogBatchCommitted(int count);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "Group commit of {Count} writes failed; none was stored")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Group commit of {Count} writes aborted by PostgreSQL ({SqlState}); retrying, attempt {Attempt}")]
    private partial void LogBatchRetry(int count, string sqlState, int attempt);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "VACUUM after garbage collection failed; the freed space is reused after the next autovacuum")]
    private partial void LogVacuumFailed(Exception exception);
}
