namespace AeorDb.Grains.Tree;

/// <summary>Bounds of <see cref="LocalHead"/>, the silo-local cache of HEAD entries.</summary>
public sealed class LocalHeadOptions
{
    /// <summary>
    /// Most entries one generation keeps; past it the generation starts over empty. 0 turns the cache off: every read
    /// asks the tree grain (a node whose silos share a PostgreSQL store runs with it off, see <c>StorageHostingExtensions</c>).
    /// About 0.3 KiB per entry.
    /// </summary>
    public int MaxEntries { get; set; } = 32 * 1024;
}
