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
