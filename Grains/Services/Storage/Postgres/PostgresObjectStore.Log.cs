using Microsoft.Extensions.Logging;

namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>Log messages of the PostgreSQL store (event ids 3200-3299).</summary>
internal sealed partial class PostgresObjectStore
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Object store opened on PostgreSQL {Host}:{Port}, database {Database}")]
    private partial void LogOpened(string host, int port, string database);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "VACUUM after garbage collection failed; the freed space is reused after the next autovacuum")]
    private partial void LogVacuumFailed(Exception exception);
}
