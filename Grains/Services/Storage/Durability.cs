namespace AeorDb.Grains.Services.Storage;

/// <summary>When an acknowledged write reaches the disk (<c>--durability</c>).</summary>
public enum Durability
{
    /// <summary>
    /// A commit is handed to the operating system before the write is acknowledged and synced to the disk
    /// later (SQLite: WAL with <c>synchronous=NORMAL</c>, synced at checkpoints; PostgreSQL:
    /// <c>synchronous_commit=off</c>). A killed process loses nothing acknowledged; a power loss or kernel
    /// crash may lose the last writes acknowledged before it.
    /// </summary>
    Normal = 0,

    /// <summary>
    /// Every group commit is synced to the disk before any write in it is acknowledged (SQLite:
    /// <c>synchronous=FULL</c>; PostgreSQL: <c>synchronous_commit=on</c>): nothing acknowledged is lost, even
    /// on power loss. Concurrent writes share one sync, so the cost is one fsync per group commit.
    /// </summary>
    Full = 1,
}
