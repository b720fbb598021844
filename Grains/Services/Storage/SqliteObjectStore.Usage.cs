namespace AeorDb.Grains.Services.Storage;

/// <summary>Store usage for the metrics, on a pooled read connection (WAL: it never blocks the writer).</summary>
internal sealed partial class SqliteObjectStore : IStoreUsage
{
    /// <summary>length() of a blob reads its size from the record header, not the blob itself.</summary>
    private const string UsageSql = $"SELECT count(*), coalesce(sum({SqliteSegmentSql.LengthExpression}), 0) FROM aeor_objects";

    public async Task<StoreUsage> ReadUsageAsync(CancellationToken cancellationToken)
    {
        var session = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = session.Connection.CreateCommand();
            command.CommandText = UsageSql;
            using var reader = command.ExecuteReader();
            reader.Read();
            return new StoreUsage(reader.GetInt64(0), reader.GetInt64(1));
        }
        finally
        {
            ReturnReader(session);
        }
    }
}
