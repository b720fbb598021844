namespace AeorDb.Grains.Services.Storage;

/// <summary>Where the embedded store lives: the <c>-D</c> database file, shared with Orleans grain state, and how it is tuned.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Path of the SQLite database file.</summary>
    public string DatabasePath { get; set; } = "data.aeordb";

    /// <summary>
    /// Page size applied when the store creates a new file (SQLite ignores it once the file has tables).
    /// Larger pages cut the overflow-page chain of a 256 KiB chunk; smaller pages cut the WAL bytes of a
    /// small put. 8 KiB was the better of 4/8/16/64 KiB on the mixed workload (see the store's report).
    /// </summary>
    public int PageSize { get; set; } = 8192;

    /// <summary>Page cache of the writer connection, in KiB.</summary>
    public int WriterCacheKiB { get; set; } = 16 * 1024;

    /// <summary>Page cache of each read connection, in KiB.</summary>
    public int ReaderCacheKiB { get; set; } = 2 * 1024;

    /// <summary>Memory-mapped I/O window for reads, in bytes; 0 turns it off (mapped pages count toward RSS).</summary>
    public long MmapSizeBytes { get; set; }

    /// <summary>WAL size, in pages, after which a commit checkpoints it into the database file.</summary>
    public int WalAutoCheckpointPages { get; set; } = 4096;

    /// <summary>How long a connection waits inside SQLite for a lock held by another connection (Orleans' included).</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Bytes of pending writes the writer queue admits before puts wait: bounds memory held by fast uploaders.</summary>
    public long MaxQueuedBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Bytes one group transaction takes from the queue, so the write lock is held only briefly.</summary>
    public long MaxBatchBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Most read connections open at once; further readers wait for one.</summary>
    public int MaxReadConnections { get; set; } = 16;

    /// <summary>Decoded file version records kept in memory (they are immutable).</summary>
    public int FileVersionCacheEntries { get; set; } = 4096;
}
