namespace AeorDb.Grains.Tree;

/// <summary>How the tree grain groups concurrent writes into commits, and what it does after loading HEAD.</summary>
public sealed class TreeCommitOptions
{
    /// <summary>
    /// Under concurrent writes, how long a new batch may wait for the calls the last batch had before it is written
    /// (zero: never waits). Without it, the first write answered after a large batch starts a batch of one, and the
    /// others, arriving a moment later, wait for that whole commit: two commits per round of concurrent writers
    /// instead of one (bench/RESULTS.md "Storage engine: small PUT commits"). The wait ends as soon as they arrived.
    /// </summary>
    public TimeSpan BatchLinger { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Batches in flight to the store at once: 1 or 2. With 2, the next batch is applied, hashed and queued for the store
    /// while the one before it is still being written and made durable, on the directories as that one leaves them; it
    /// is accepted (and its calls answered) only after the one before it was, and fails with it. With 1, a batch is
    /// formed only once the one before it is durable. The default is 1: on a quiet 2-core machine, 16 writers of 8 000
    /// small files made 2 665-2 783 PUTs/s at 1.12-1.14 silo cores with 1 against 2 571-2 650 at 1.24-1.26 cores with 2
    /// (twice the commits, each half as full); bench/RESULTS.md, "Storage engine: small PUT pipeline". Depth 2 measured
    /// ahead only on a loaded machine, and was not measured on PostgreSQL: <c>AeorDb__Tree__PipelineDepth=2</c>.
    /// </summary>
    public int PipelineDepth { get; set; } = 1;

    /// <summary>Calls the last batch must have had for the next one to wait (<see cref="BatchLinger"/>): below it, writers are few and wait for nothing.</summary>
    public int LingerMinCalls { get; set; } = 4;

    /// <summary>
    /// Catalog entries from which loading HEAD ends with one compacting, memory-returning full collection (0: never).
    /// The scan leaves the long-lived index interleaved with the rows it read: on a node restarted on a million files
    /// the GC held 560 MB committed, 357 MB of it fragmentation, for about 200 MB of live objects (bench/RESULTS.md).
    /// One blocking collection at the end of the load gives that back at the cost of one pause while it runs.
    /// </summary>
    public int CompactAfterLoadEntries { get; set; } = 100_000;
}
