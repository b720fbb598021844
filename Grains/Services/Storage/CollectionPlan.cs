using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Storage;

/// <summary>What the mark phase found on its snapshot: the unmarked objects, and the root and history rows past retention.</summary>
internal sealed class CollectionPlan
{
    /// <summary>Objects no retained root, version, catalog entry or system flag reaches.</summary>
    public List<(byte[] Hash, ObjectKind Kind, long Length)> Candidates { get; } = [];

    /// <summary>Root rows (by sequence) past retention; never HEAD's.</summary>
    public List<long> DroppedRoots { get; } = [];

    /// <summary>History rows (by sequence) past the rows kept per path.</summary>
    public List<long> DroppedHistory { get; } = [];

    /// <summary>Distinct roots whose trees were marked (HEAD included).</summary>
    public long VersionsScanned { get; set; }

    /// <summary>Stored objects found reachable.</summary>
    public long LiveEntries { get; set; }
}
