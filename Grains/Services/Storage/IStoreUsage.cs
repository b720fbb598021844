namespace AeorDb.Grains.Services.Storage;

/// <summary>Counts what the store holds, for the metrics (a full scan of the object table's sizes: not for the data path).</summary>
internal interface IStoreUsage
{
    Task<StoreUsage> ReadUsageAsync(CancellationToken cancellationToken);
}
