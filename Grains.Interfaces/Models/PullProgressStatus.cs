namespace AeorDb.Grains.Interfaces.Models;

/// <summary>
/// A running pull as <c>/sync/peers</c> shows it: entries (files, symlinks, deletions) whose content is here out of
/// those the peer's diff listed, and the chunk bytes fetched out of those missing. Totals are 0 until the diff answered.
/// </summary>
[GenerateSerializer, Immutable, Alias("aeordb.PullProgressStatus")]
public sealed record PullProgressStatus(
    [property: Id(0)] long StartedAt,
    [property: Id(1)] string Phase,
    [property: Id(2)] long EntriesDone,
    [property: Id(3)] long EntriesTotal,
    [property: Id(4)] long BytesDone,
    [property: Id(5)] long BytesTotal);
