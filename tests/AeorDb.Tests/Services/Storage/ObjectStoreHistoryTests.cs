using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Storage;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Services.Storage;

public sealed class ObjectStoreHistoryTests : StoreTests
{
    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Commit_FileVersions_AreHistoryNewestFirst_AndSurviveReopen(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var first = Entry("/docs/a.txt", EntryKind.File, 1);
        var second = Entry("/docs/a.txt", EntryKind.File, 2);
        await store.CommitAsync(new TreeCommit([], [Entry("/docs", EntryKind.Directory, 1), first], [], Hash(1), 1));
        await store.CommitAsync(new TreeCommit([], [Entry("/docs", EntryKind.Directory, 2), second], [], Hash(2), 2) { BaseRootHash = Hash(1) });

        await store.DisposeAsync();
        var reopened = await Fixture.OpenAsync(backend);

        Assert.Equal([second, first], await reopened.GetHistoryAsync("/docs/a.txt"));
        Assert.Empty(await reopened.GetHistoryAsync("/docs"));
        Assert.Empty(await reopened.GetHistoryAsync("/nothing"));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task History_ManyVersions_ReturnsTheNewestLimit(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        for (var i = 1; i <= SqliteObjectStore.HistoryLimit + 4; i++)
        {
            await store.CommitAsync(new TreeCommit([], [Entry("/f", EntryKind.File, i)], [], Hash(i), i) { BaseRootHash = i == 1 ? null : Hash(i - 1) });
        }

        var history = await store.GetHistoryAsync("/f");

        Assert.Equal(SqliteObjectStore.HistoryLimit, history.Count);
        Assert.Equal(SqliteObjectStore.HistoryLimit + 4, history[0].Stamp.VirtualTime);
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Commit_Tombstones_JoinTheHistoryAndAreListedAsDeletionsSinceARoot(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var a = Entry("/a.txt", EntryKind.File, 1);
        var b = Entry("/b.txt", EntryKind.File, 1);
        await store.CommitAsync(new TreeCommit([], [a, b], [], Hash(1), 1));
        var deleteA = Tombstone(a, 2);
        await store.CommitAsync(new TreeCommit([], [], ["/a.txt"], Hash(2), 2) { BaseRootHash = Hash(1), Tombstones = [deleteA] });
        var deleteB = Tombstone(b, 3);
        await store.CommitAsync(new TreeCommit([], [], ["/b.txt"], Hash(3), 3) { BaseRootHash = Hash(2), Tombstones = [deleteB] });

        await store.DisposeAsync();
        var reopened = await Fixture.OpenAsync(backend);

        Assert.Equal([deleteA, a], await reopened.GetHistoryAsync("/a.txt"));
        Assert.Equal([deleteA, deleteB], await reopened.GetDeletionsAsync(Hash(1)));
        Assert.Equal([deleteB], await reopened.GetDeletionsAsync(Hash(2)));
        Assert.Empty(await reopened.GetDeletionsAsync(Hash(3)));
        Assert.Equal([deleteA, deleteB], await reopened.GetDeletionsAsync(null));
        Assert.Equal([deleteA, deleteB], await reopened.GetDeletionsAsync(Hash(99)));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Commit_PutAfterDelete_EndsTheDeletionButKeepsItInTheHistory(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var first = Entry("/a.txt", EntryKind.File, 1);
        await store.CommitAsync(new TreeCommit([], [first], [], Hash(1), 1));
        var deletion = Tombstone(first, 2);
        await store.CommitAsync(new TreeCommit([], [], ["/a.txt"], Hash(2), 2) { BaseRootHash = Hash(1), Tombstones = [deletion] });
        var again = Entry("/a.txt", EntryKind.File, 3);
        await store.CommitAsync(new TreeCommit([], [again], [], Hash(3), 3) { BaseRootHash = Hash(2) });

        Assert.Empty(await store.GetDeletionsAsync(null));
        Assert.Equal([again, deletion, first], await store.GetHistoryAsync("/a.txt"));
        var histories = await store.GetHistoriesAsync(["/a.txt", "/nothing"]);
        Assert.Equal(["/a.txt"], histories.Keys);
        Assert.Equal([again, deletion, first], histories["/a.txt"]);
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Deletions_SinceARootThatRecurs_CountFromItsFirstCommit(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var a = Entry("/a.txt", EntryKind.File, 1);
        await store.CommitAsync(new TreeCommit([], [], [], Hash(1), 1));
        await store.CommitAsync(new TreeCommit([], [a], [], Hash(2), 2) { BaseRootHash = Hash(1) });
        var deletion = Tombstone(a, 3);
        // The put and the delete of /a.txt lead back to the first root.
        await store.CommitAsync(new TreeCommit([], [], ["/a.txt"], Hash(1), 3) { BaseRootHash = Hash(2), Tombstones = [deletion] });

        Assert.Equal([deletion], await store.GetDeletionsAsync(Hash(1)));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Histories_FewOrMostPaths_MatchEachPathsHistory(StoreBackend backend)
    {
        // Few paths of many rows are looked up one by one, most paths come from one pass: both give the same answer.
        var store = await Fixture.OpenAsync(backend);
        for (var i = 1; i <= 80; i++)
        {
            var path = i % 2 == 0 ? "/even.txt" : $"/odd-{i}.txt";
            await store.CommitAsync(new TreeCommit([], [Entry(path, EntryKind.File, i)], [], Hash(i), i) { BaseRootHash = i == 1 ? null : Hash(i - 1) });
        }

        var few = await store.GetHistoriesAsync(["/even.txt"]);
        var paths = Enumerable.Range(1, 80).Select(i => i % 2 == 0 ? "/even.txt" : $"/odd-{i}.txt").Distinct().Append("/nothing").ToList();
        var most = await store.GetHistoriesAsync(paths);

        Assert.Equal(await store.GetHistoryAsync("/even.txt"), few["/even.txt"]);
        Assert.Equal(SqliteObjectStore.HistoryLimit, few["/even.txt"].Count);
        Assert.Equal(41, most.Count);
        foreach (var path in paths.SkipLast(1))
        {
            Assert.Equal(await store.GetHistoryAsync(path), most[path]);
        }
    }

    private static FileEntry Tombstone(FileEntry deleted, long time) =>
        new(deleted.Path, EntryKind.Deletion, deleted.Hash, 0, null, null, deleted.CreatedAt, time, new VersionStamp(time, 8));

    private static FileEntry Entry(string path, EntryKind kind, long time) =>
        new(path, kind, Hash(time), kind == EntryKind.File ? time : 0, kind == EntryKind.File ? "text/plain" : null, null, 1, time, new VersionStamp(time, 7));

    private static string Hash(long seed) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(seed)));
}
