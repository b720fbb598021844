using AeorDb.Grains.Peers;
using AeorDb.Grains.Services.Peers;
using Xunit;

namespace AeorDb.Tests.Services.Peers;

/// <summary>What a running pull reports in <c>sync_status.pull</c>, and how the lag adds up.</summary>
public sealed class PullProgressTests
{
    private static readonly string A = new('a', 64);
    private static readonly string B = new('b', 64);
    private static readonly string C = new('c', 64);

    [Fact]
    public void EntryTracker_FilesSharingAChunk_CountWhenTheirLastMissingChunkIsStored()
    {
        var progress = new PullProgress(1);
        List<PeerFileChange> files =
        [
            new("/one", "h1", 10, null, [A, B]),
            new("/two", "h2", 10, null, [B]),
            new("/here", "h3", 10, null, [C]),
        ];

        // C is here already: /here counts at once.
        var tracker = new EntryTracker(files, [A, B], progress);
        Assert.Equal(1, progress.Snapshot().EntriesDone);

        tracker.Stored(B, 100);
        Assert.Equal(2, progress.Snapshot().EntriesDone);
        tracker.Stored(A, 50);
        var done = progress.Snapshot();
        Assert.Equal(3, done.EntriesDone);
        Assert.Equal(150, done.BytesDone);
    }

    [Fact]
    public void EntryTracker_UppercaseChunkHashes_MatchTheLowercaseMissingList()
    {
        var progress = new PullProgress(1);
        var tracker = new EntryTracker([new("/one", "h1", 10, null, [A.ToUpperInvariant()])], [A], progress);
        Assert.Equal(0, progress.Snapshot().EntriesDone);
        tracker.Stored(A, 10);
        Assert.Equal(1, progress.Snapshot().EntriesDone);
    }

    [Fact]
    public void AnnouncedChanges_With_AddsEntriesAndKeepsTheEarliestStart()
    {
        var merged = new AnnouncedChanges(2, 500).With(new AnnouncedChanges(3, 200)).With(AnnouncedChanges.None);
        Assert.Equal(new AnnouncedChanges(5, 200), merged);
        Assert.Equal(new AnnouncedChanges(1, 700), AnnouncedChanges.None.With(new AnnouncedChanges(1, 700)));
    }

    [Theory]
    [InlineData("""{"event_type":"entries_created","payload":{"entries":[{"path":"/a"},{"path":"/b"}]}}""", 2)]
    [InlineData("""{"payload":{}}""", 0)]
    [InlineData("not json", 0)]
    [InlineData("[1,2]", 0)]
    public void CountEntries_EventData_CountsPayloadEntries(string data, int expected) =>
        Assert.Equal(expected, PeerEventClient.CountEntries(data));

    [Theory]
    [InlineData(100, 2000)]
    [InlineData(15_000, 45_000)]
    public void HeartbeatTimeoutFor_Interval_IsThreeIntervalsAtLeastTwoSeconds(int intervalMs, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), PeerOptions.HeartbeatTimeoutFor(TimeSpan.FromMilliseconds(intervalMs)));
}
