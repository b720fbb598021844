using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Storage;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Services.Storage;

public sealed class ObjectStoreHistoryTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Commit_FileVersions_AreHistoryNewestFirst_AndSurviveReopen(StoreBackend backend)
    {
        var store = await _fixture.OpenAsync(backend);
        var first = Entry("/docs/a.txt", EntryKind.File, 1);
        var second = Entry("/docs/a.txt", EntryKind.File, 2);
        await store.CommitAsync(new TreeCommit([], [Entry("/docs", EntryKind.Directory, 1), first], [], Hash(1), 1));
        await store.CommitAsync(new TreeCommit([], [Entry("/docs", EntryKind.Directory, 2), second], [], Hash(2), 2) { BaseRootHash = Hash(1) });

        await store.DisposeAsync();
        var reopened = await _fixture.OpenAsync(backend);

        Assert.Equal([second, first], await reopened.GetHistoryAsync("/docs/a.txt"));
        Assert.Empty(await reopened.GetHistoryAsync("/docs"));
        Assert.Empty(await reopened.GetHistoryAsync("/nothing"));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task History_ManyVersions_ReturnsTheNewestLimit(StoreBackend backend)
    {
        var store = await _fixture.OpenAsync(backend);
        for (var i = 1; i <= SqliteObjectStore.HistoryLimit + 4; i++)
        {
            await store.CommitAsync(new TreeCommit([], [Entry("/f", EntryKind.File, i)], [], Hash(i), i) { BaseRootHash = i == 1 ? null : Hash(i - 1) });
        }

        var history = await store.GetHistoryAsync("/f");

        Assert.Equal(SqliteObjectStore.HistoryLimit, history.Count);
        Assert.Equal(SqliteObjectStore.HistoryLimit + 4, history[0].Stamp.VirtualTime);
    }

    private static FileEntry Entry(string path, EntryKind kind, long time) =>
        new(path, kind, Hash(time), kind == EntryKind.File ? time : 0, kind == EntryKind.File ? "text/plain" : null, null, 1, time, new VersionStamp(time, 7));

    private static string Hash(long seed) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(seed)));
}
