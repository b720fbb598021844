using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Peers;

/// <summary>
/// The live counters of one pull: written by the puller on the thread pool, read by the peer grain's status calls.
/// Every field is read and written atomically; a reader may see totals and counts of slightly different moments.
/// </summary>
internal sealed class PullProgress(long startedAt)
{
    private long _entriesDone;
    private long _entriesTotal;
    private long _bytesDone;
    private long _bytesTotal;
    private volatile string _phase = "diff";

    /// <summary>Local ms the pull started.</summary>
    public long StartedAt { get; } = startedAt;

    /// <summary>The step running: <c>diff</c> (asking the peer, checking which chunks are here), <c>chunks</c> (totals known, fetching), <c>merge</c>.</summary>
    public string Phase
    {
        get => _phase;
        set => _phase = value;
    }

    /// <summary>Sets the totals once the diff is known.</summary>
    public void SetTotals(long entries, long bytes)
    {
        Interlocked.Exchange(ref _entriesTotal, entries);
        Interlocked.Exchange(ref _bytesTotal, bytes);
    }

    /// <summary>Counts entries whose content is complete.</summary>
    public void AddEntries(long count) => Interlocked.Add(ref _entriesDone, count);

    /// <summary>Counts chunk bytes stored.</summary>
    public void AddBytes(long count) => Interlocked.Add(ref _bytesDone, count);

    /// <summary>A snapshot for the status.</summary>
    public PullProgressStatus Snapshot() => new(
        StartedAt, _phase, Interlocked.Read(ref _entriesDone), Interlocked.Read(ref _entriesTotal),
        Interlocked.Read(ref _bytesDone), Interlocked.Read(ref _bytesTotal));
}
