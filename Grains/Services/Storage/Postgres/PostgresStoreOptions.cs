namespace AeorDb.Grains.Services.Storage.Postgres;

/// <summary>Where the PostgreSQL store lives (<c>--cluster-db</c>) and how its writer batches.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>Npgsql connection string of the node's database (shared by every silo of the node).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Bytes of pending writes the writer queue admits before puts wait: bounds memory held by fast uploaders.</summary>
    public long MaxQueuedBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Bytes one group transaction takes from the queue.</summary>
    public long MaxBatchBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>
    /// How often a group transaction is retried when PostgreSQL aborts it for a deadlock or a serialization
    /// failure (two silos inserting the same objects at once); the batch fails after that.
    /// </summary>
    public int MaxBatchAttempts { get; set; } = 4;

    /// <summary>When an acknowledged write reaches the disk (see <see cref="Storage.Durability"/>): sets the store's <c>synchronous_commit</c>.</summary>
    public Durability Durability { get; set; } = Durability.Normal;

    /// <summary>
    /// Decoded file version records kept in memory (they are immutable). Only records read from the store are kept, not
    /// the ones a write makes: a write-populated cache emptied every 4096 writes held each record for a second or two,
    /// long enough to reach the GC's oldest generation and die there, and a million-file fill left 150-160 MB of such
    /// dead space in the heap (bench/RESULTS.md, "Memory of a million-file fill").
    /// </summary>
    public int FileVersionCacheEntries { get; set; } = 4096;
}
