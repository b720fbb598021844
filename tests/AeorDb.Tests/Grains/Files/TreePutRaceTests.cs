using AeorDb.Grains.Interfaces.Models;
using Xunit;

namespace AeorDb.Tests.Grains.Files;

/// <summary>
/// A plain PUT goes straight to the tree grain while renames and deletes read through the path's file grain:
/// the compare-and-swap on their commit must keep every PUT that lands between their read and their commit.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class TreePutRaceTests(GrainClusterFixture fixture)
{
    private const int Rounds = 6;
    private const int Puts = 10;

    [Fact]
    public async Task Rename_ConcurrentWithTreePuts_MovesWhatHeadHeldAndLosesNoPut()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var directory = GrainClusterFixture.NewDirectory();
            string source = directory + "/src", target = directory + "/dst";
            var first = await fixture.StoreVersionAsync($"first {round}");
            Assert.Equal(CommitStatus.Ok, (await fixture.Tree.PutFileAsync(source, first.Hash, first.Size, first.ContentType)).Status);
            var versions = await Task.WhenAll(Enumerable.Range(0, Puts).Select(i => fixture.StoreVersionAsync($"round {round} put {i}")));

            var puts = versions.Select(v => fixture.Tree.PutFileAsync(source, v.Hash, v.Size, v.ContentType)).ToList();
            var rename = fixture.File(source).RenameAsync(target);
            var results = await Task.WhenAll(puts);

            Assert.All(results, r => Assert.Equal(CommitStatus.Ok, r.Status));
            Assert.Equal(CommitStatus.Ok, (await rename).Status);
            var moved = (await fixture.Tree.GetAsync(target))!;
            var history = await fixture.File(source).GetHistoryAsync();
            var deletion = Assert.Single(history, e => e.Kind == EntryKind.Deletion);
            var beforeDeletion = history.SkipWhile(e => e.Kind != EntryKind.Deletion).Skip(1).First();
            Assert.Equal(beforeDeletion.Hash, deletion.Hash);
            Assert.Equal(deletion.Hash, moved.Hash);

            // Every acknowledged PUT is in the source's history, in the order of its stamps; the last one is HEAD
            // at the source unless the rename moved it.
            Assert.Equal(history.Select(e => e.Stamp.VirtualTime).OrderDescending(), history.Select(e => e.Stamp.VirtualTime));
            Assert.Subset(history.Select(e => e.Hash).ToHashSet(), results.Select(r => r.Entry!.Hash).ToHashSet());
            var last = results.MaxBy(r => r.Entry!.Stamp.VirtualTime)!.Entry!;
            var atSource = await fixture.Tree.GetAsync(source);
            Assert.True(atSource?.Hash == last.Hash || moved.Hash == last.Hash, "the newest acknowledged PUT is neither at the source nor moved");
        }
    }

    [Fact]
    public async Task Delete_ConcurrentWithTreePuts_HistoryExplainsHead()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var path = GrainClusterFixture.NewDirectory() + "/p";
            var first = await fixture.StoreVersionAsync($"first {round}");
            Assert.Equal(CommitStatus.Ok, (await fixture.Tree.PutFileAsync(path, first.Hash, first.Size, first.ContentType)).Status);
            var versions = await Task.WhenAll(Enumerable.Range(0, Puts).Select(i => fixture.StoreVersionAsync($"round {round} write {i}")));

            var puts = versions.Select(v => fixture.Tree.PutFileAsync(path, v.Hash, v.Size, v.ContentType)).ToList();
            var delete = fixture.File(path).DeleteAsync(EntryKind.File);
            var results = await Task.WhenAll(puts);
            var deleted = await delete;

            Assert.All(results, r => Assert.Equal(CommitStatus.Ok, r.Status));
            Assert.Equal(CommitStatus.Ok, deleted.Status);
            var history = await fixture.File(path).GetHistoryAsync();
            Assert.Equal(Puts + 2, history.Count);
            var deletion = Assert.Single(history, e => e.Kind == EntryKind.Deletion);
            var removed = history.SkipWhile(e => e.Kind != EntryKind.Deletion).Skip(1).First();
            Assert.Equal(removed.Hash, deletion.Hash);
            Assert.Equal(removed.Hash, deleted.Entry!.Hash);
            var head = await fixture.Tree.GetAsync(path);
            Assert.Equal(history[0].Kind == EntryKind.Deletion ? null : history[0], head);
        }
    }
}
