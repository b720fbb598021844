namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// The sweep of a collection, run by the store's single writer in a transaction of its own: it deletes the plan's
/// candidates that no write put or committed meanwhile, and the root and history rows past retention.
/// </summary>
internal sealed class SweepWrite(CollectionPlan plan) : PendingWrite
{
    public CollectionPlan Plan { get; } = plan;

    /// <summary>PostgreSQL: only objects last put before this time (server ms) are deleted.</summary>
    public long PutBeforeMs { get; init; } = long.MaxValue;

    public override long Bytes => 0;

    /// <summary>Objects deleted (set by the writer).</summary>
    public long Swept { get; set; }

    /// <summary>Bytes of the objects deleted (set by the writer).</summary>
    public long SweptBytes { get; set; }

    /// <summary>Candidates kept because a write put or committed them after the snapshot (set by the writer).</summary>
    public long Spared { get; set; }

    /// <summary>SQLite: segment files to delete once the sweep committed (their objects were collected or moved).</summary>
    public List<long> RetiredSegments { get; } = [];

    /// <summary>SQLite: live bytes compaction copied out of sparse segments.</summary>
    public long SegmentBytesMoved { get; set; }

    /// <summary>SQLite: bytes of the retired segment files no live object used.</summary>
    public long SegmentBytesFreed { get; set; }
}
