namespace AeorDb.Grains.Interfaces.Models;

/// <summary>The outcome of one garbage collection (the body of <c>POST /admin/gc</c>).</summary>
/// <param name="VersionsScanned">Tree versions (HEAD and the retained past roots) whose objects were marked.</param>
/// <param name="LiveEntries">Stored objects found reachable (or protected as in-flight writes).</param>
/// <param name="GarbageEntries">Objects swept (with a dry run: that would be swept).</param>
/// <param name="ReclaimedBytes">Bytes of the objects swept (with a dry run: that would be).</param>
/// <param name="DurationMs">Wall time of the collection.</param>
/// <param name="DryRun">True when nothing was deleted.</param>
[GenerateSerializer, Immutable, Alias("aeordb.GcResult")]
public sealed record GcResult(
    [property: Id(0)] long VersionsScanned,
    [property: Id(1)] long LiveEntries,
    [property: Id(2)] long GarbageEntries,
    [property: Id(3)] long ReclaimedBytes,
    [property: Id(4)] long DurationMs,
    [property: Id(5)] bool DryRun);
