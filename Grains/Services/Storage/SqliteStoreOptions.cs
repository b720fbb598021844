namespace AeorDb.Grains.Services.Storage;

/// <summary>Where the embedded store lives: the <c>-D</c> database file, shared with Orleans grain state, and how it is tuned.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Path of the SQLite database file.</summary>
    public string DatabasePath { get; set; } = "data.aeordb";

    /// <summary>
    /// Page size applied when the store creates a new file (SQLite ignores it once the file has tables).
    /// 32 KiB pages once paid off for 256 KiB chunks stored inline; since chunks of at least the segment threshold
    /// go to segment files, the database holds only small rows, and every small commit wrote whole 32 KiB WAL
    /// frames (their checksums alone were 6.5 % of a 4 KiB PUT's CPU). With 4 KiB pages, two alternating A/B runs
    /// of the files bench gave 4 KiB PUTs +8 to +12 % and GETs +11 to +25 % (bench/RESULTS.md).
    /// </summary>
    public int PageSize { get; set; } = 4096;

    /// <summary>Page cache of the writer connection, in KiB.</summary>
    public int WriterCacheKiB { get; set; } = 16 * 1024;

    /// <summary>Page cache of each read connection, in KiB.</summary>
    public int ReaderCacheKiB { get; set; } = 2 * 1024;

    /// <summary>
    /// Memory-mapped I/O window per connection, in bytes; 0 (the default) turns it off. Mapping saved only
    /// a few microseconds per 4 KiB read in a micro-measurement, while every read connection maps the file
    /// separately and the mapped pages count toward the silo's RSS (several hundred MiB after a read-heavy
    /// run), which the memory budget of the benchmark watches.
    /// </summary>
    public long MmapSizeBytes { get; set; }

    /// <summary>
    /// WAL size after which a commit checkpoints it into the database file; 0 turns automatic checkpoints
    /// off. Each checkpoint copies and fsyncs, so fewer, larger ones cost less per byte (32 MiB measured
    /// about 15% less CPU per stored byte than 4 MiB) at the price of a larger WAL file. With the background
    /// checkpoint (<see cref="BackgroundCheckpointBytes"/>) this is the backstop that lets SQLite rewind the WAL, and
    /// it finds little left to copy.
    /// </summary>
    public long WalAutoCheckpointBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// WAL growth after which a background thread copies the WAL into the database file (<see cref="SqliteCheckpointer"/>),
    /// so that commits do not wait for it; 0 leaves checkpoints to the committing writer alone. Needs
    /// <see cref="GatherWalWrites"/>, whose byte count paces it.
    /// </summary>
    public long BackgroundCheckpointBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>
    /// Open the store's connections on <see cref="SqliteWalVfs"/>, which hands a transaction's WAL frames to the kernel in
    /// one write instead of two per frame (the default); false uses SQLite's default VFS unchanged.
    /// </summary>
    public bool GatherWalWrites { get; set; } = true;

    /// <summary>How long a connection waits inside SQLite for a lock held by another connection (Orleans' included).</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Bytes of pending writes the writer queue admits before puts wait: bounds memory held by fast uploaders.</summary>
    public long MaxQueuedBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Bytes one group transaction takes from the queue, so the write lock is held only briefly.</summary>
    public long MaxBatchBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Most read connections open at once; further readers wait for one.</summary>
    public int MaxReadConnections { get; set; } = 16;

    /// <summary>When an acknowledged write reaches the disk (see <see cref="Storage.Durability"/>).</summary>
    public Durability Durability { get; set; } = Durability.Normal;

    /// <summary>
    /// Bytes of small files staged in memory for the tree commit that writes them (<see cref="AeorDb.Grains.Interfaces.ISmallFileStaging"/>);
    /// past it, small files are put before their commit, as large ones are. A staged file is held from its upload's
    /// end to its commit's answer, so 16 MiB covers thousands of concurrent small PUTs.
    /// </summary>
    public long MaxStagedBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// Decoded file version records kept in memory (they are immutable). Only records read from the store are kept, not
    /// the ones a write makes: a write-populated cache emptied every 4096 writes held each record for a second or two,
    /// long enough to reach the GC's oldest generation and die there, and a million-file fill left 150-160 MB of such
    /// dead space in the heap (bench/RESULTS.md, "Memory of a million-file fill").
    /// </summary>
    public int FileVersionCacheEntries { get; set; } = 4096;

    /// <summary>
    /// Chunks at least this long are stored in segment files beside the database (written once, read with positional
    /// reads) instead of inline in SQLite; smaller ones stay inline, where a batch of them needs no extra fsync. 64 KiB:
    /// with 16 concurrent uploads, 64 KiB and 192 KiB files were stored faster in segments than inline (about 1.2x and
    /// 1.1-1.7x PUT/s, bench/RESULTS.md "Storage engine: segment files"); below that the per-batch fsync of a segment
    /// would weigh on batches of small files, which in normal durability need none.
    /// </summary>
    public int SegmentThresholdBytes { get; set; } = 64 * 1024;

    /// <summary>A segment file rolls over to a new one past this size.</summary>
    public long SegmentMaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Largest single write to a segment file; a chunk is appended in pieces of at most this many bytes. 16 KiB: on the
    /// 2-core VM the benchmarks run on, a write of 32 KiB or more into new page cache cost about 1 CPU second per 256 MiB
    /// once recently freed memory was used up (the kernel backs a large write with large folios, whose pages the host
    /// hands out slowly), against 0.1 s in 16 KiB writes, whatever else ran (bench/RESULTS.md, "Storage engine: large
    /// PUT throughput"). The extra calls cost about 16 000 syscalls per 256 MiB.
    /// </summary>
    public int SegmentWriteBytes { get; set; } = 16 * 1024;

    /// <summary>Garbage collection compacts a segment (copies its live objects and deletes it) whose live bytes fall below this fraction of its size.</summary>
    public double SegmentCompactLiveFraction { get; set; } = 0.5;
}
