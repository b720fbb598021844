using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Tree;
using Xunit;

namespace AeorDb.Tests.Grains.Tree;

/// <summary>Batch sizing under concurrent writes (<see cref="TreeCommitOptions.BatchLinger"/>).</summary>
public sealed class TreeGrainLingerTests(LingerClusterFixture fixture) : IClassFixture<LingerClusterFixture>
{
    private FileVersion _version = null!;

    [Fact]
    public async Task PutFile_AfterABatchOfFour_NextFourShareOneCommitAndTheLingerEndsWhenTheyArrived()
    {
        var directory = GrainClusterFixture.NewDirectory();
        _version = await fixture.StoreVersionAsync("linger");
        var store = fixture.TreeStore;
        using (var hold = store.Hold())
        {
            // A batch of one holds the store while four more queue: they form the next batch, of four.
            var first = Put(directory + "/first");
            await PollAsync(() => store.Commits == 1);
            var four = Enumerable.Range(0, 4).Select(i => Put($"{directory}/a{i}")).ToArray();
            await PollAsync(() => QueuedCommits() == four.Length);
            hold.Release();
            Assert.All(await Task.WhenAll(four.Append(first)), r => Assert.Equal(CommitStatus.Ok, r.Status));
        }

        // One write alone now waits for three more (the ten-minute linger would fail the test if it ran out instead).
        var lone = Put(directory + "/b0");
        await PollAsync(() => QueuedCommits() == 1);
        var rest = Enumerable.Range(1, 3).Select(i => Put($"{directory}/b{i}")).ToArray();
        var results = await Task.WhenAll(rest.Prepend(lone)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(results, r => Assert.Equal(CommitStatus.Ok, r.Status));
        Assert.Equal(3, store.Commits);
        var written = store.LastCommit!.Upserts.Where(e => e.Kind == EntryKind.File).Select(e => e.Path).Order(StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"{directory}/b{i}"), written);
    }

    private Task<WriteResult> Put(string path) => fixture.Tree.PutFileAsync(path, _version.Hash, _version.Size, _version.ContentType);

    private int QueuedCommits() =>
        fixture.Cluster.TryGetGrainContext(fixture.Tree.GetGrainId(), out var context) && context.GrainInstance is TreeGrain grain
            ? grain.QueuedCommits
            : -1;

    private static async Task PollAsync(Func<bool> condition) =>
        Assert.True(await TestSupport.Poll.UntilAsync(condition, TimeSpan.FromSeconds(20)), "Condition not reached before the deadline.");
}
