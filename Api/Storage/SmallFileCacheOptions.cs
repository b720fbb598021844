namespace AeorDb.Api.Storage;

/// <summary>Bounds of <see cref="SmallFileCache"/>: the bytes of small file versions kept in memory for GETs.</summary>
public sealed class SmallFileCacheOptions
{
    /// <summary>
    /// Most bytes of file content held (64 MiB: every 4 KiB file of a 16 000-file working set). 0 turns the cache off:
    /// every GET reads the object store.
    /// </summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Largest version cached (64 KiB, the default segment threshold: smaller chunks live inline in SQLite, where a read
    /// costs a statement; larger ones are read from segment files straight into the response).
    /// </summary>
    public int MaxFileBytes { get; set; } = 64 * 1024;
}
