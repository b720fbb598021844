namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>Store usage for the metrics.</summary>
internal sealed partial class PostgresObjectStore : IStoreUsage
{
    /// <summary>octet_length() of a TOASTed value reads its size from the TOAST pointer, not the value.</summary>
    private const string UsageSql = "SELECT count(*), coalesce(sum(octet_length(data)), 0)::bigint FROM aeor_objects";

    public async Task<StoreUsage> ReadUsageAsync(CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(UsageSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new StoreUsage(reader.GetInt64(0), reader.GetInt64(1));
    }
}
