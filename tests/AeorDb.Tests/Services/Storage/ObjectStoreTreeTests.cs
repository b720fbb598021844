using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;
using AeorDb.Grains.Services.Storage;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Services.Storage;

public sealed class ObjectStoreTreeTests : StoreTests
{
    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task NewDatabase_HasNoRootAndEmptyCatalog(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);

        Assert.Null(await store.GetHeadRootAsync());
        Assert.Empty(await store.LoadCatalogAsync());
        Assert.Null(await store.GetCatalogEntryAsync("/a"));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Commit_ThenReopen_CatalogRootsAndObjectsSurvive(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var dir = NewDirectory("one");
        var first = Commit([dir], [Entry("/a.txt"), Entry("/b.txt"), Entry("/dir", EntryKind.Directory)], [], Hex(1), 10);
        var second = Commit([], [Entry("/a.txt", size: 99)], ["/b.txt"], Hex(2), 20, Hex(1));

        await store.CommitAsync(first);
        await store.CommitAsync(second);
        await store.DisposeAsync();
        var reopened = await Fixture.OpenAsync(backend);

        Assert.Equal(Hex(2), await reopened.GetHeadRootAsync());
        Assert.True(await reopened.IsKnownRootAsync(Hex(1)));
        Assert.True(await reopened.IsKnownRootAsync(Hex(2).ToUpperInvariant()));
        Assert.False(await reopened.IsKnownRootAsync(Hex(3)));
        Assert.False(await reopened.IsKnownRootAsync("zz"));
        var catalog = (await reopened.LoadCatalogAsync()).OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        Assert.Equal(["/a.txt", "/dir"], catalog.Select(e => e.Path));
        Assert.Equal(Entry("/a.txt", size: 99), catalog[0]);
        Assert.Equal(Entry("/dir", EntryKind.Directory), catalog[1]);
        Assert.Equal(Entry("/a.txt", size: 99), await reopened.GetCatalogEntryAsync("/a.txt"));
        Assert.Null(await reopened.GetCatalogEntryAsync("/b.txt"));
        Assert.Equal(new ObjectInfo(ObjectKind.Directory, false, dir.Data.Length), await reopened.GetInfoAsync(dir.Hash));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Commit_FailingMidway_LeavesNothing(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        await store.CommitAsync(Commit([], [Entry("/keep")], [], Hex(1), 1));
        var dir = NewDirectory("lost");
        var broken = Commit([dir], [Entry("/new"), Entry("/bad") with { Hash = "not hex" }], ["/keep"], Hex(2), 2, Hex(1));

        await Assert.ThrowsAnyAsync<Exception>(() => store.CommitAsync(broken));

        Assert.Equal(Hex(1), await store.GetHeadRootAsync());
        Assert.False(await store.IsKnownRootAsync(Hex(2)));
        Assert.False(await store.ContainsAsync(dir.Hash));
        Assert.Equal(["/keep"], (await store.LoadCatalogAsync()).Select(e => e.Path));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Commit_FailingAlongsideConcurrentPuts_FailsOnlyItself(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var chunks = Enumerable.Range(0, 32).Select(_ => ObjectStoreObjectTests.RandomBytes(1000)).ToList();
        var broken = Commit([NewDirectory("x")], [Entry("/bad") with { Hash = "nope" }], [], Hex(9), 9);

        var puts = chunks.Select(c => store.PutChunkAsync(c, system: false).AsTask()).ToList();
        var commit = store.CommitAsync(broken);
        var good = store.CommitAsync(Commit([], [Entry("/good")], [], Hex(5), 5));

        await Assert.ThrowsAnyAsync<Exception>(() => commit);
        await good;
        foreach (var put in puts)
        {
            Assert.True(await store.ContainsAsync(await put));
        }

        Assert.Equal(Hex(5), await store.GetHeadRootAsync());
        Assert.Equal(["/good"], (await store.LoadCatalogAsync()).Select(e => e.Path));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task LoadCatalog_ManyEntries_ReturnsEveryRow(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var entries = Enumerable.Range(0, 20_000).Select(i => Entry($"/d/{i:D6}", size: i)).ToList();

        await store.CommitAsync(Commit([], entries, [], Hex(1), 1));

        var loaded = await store.LoadCatalogAsync();
        Assert.Equal(entries.Count, loaded.Count);
        Assert.Equal(entries.ToHashSet(), loaded.ToHashSet());
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task ReadCatalog_ManyEntries_StreamsEveryRowOnce(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var entries = Enumerable.Range(0, 20_000).Select(i => Entry($"/s/{i % 50:D2}/{i:D6}", size: i)).Append(Entry("/s", EntryKind.Directory)).ToList();
        await store.CommitAsync(Commit([], entries, [], Hex(1), 1));

        var streamed = new List<FileEntry>();
        await foreach (var entry in store.ReadCatalogAsync())
        {
            streamed.Add(entry);
        }

        Assert.Equal(entries.Count, streamed.Count);
        Assert.Equal(entries.ToHashSet(), streamed.ToHashSet());
    }

    [Fact]
    public async Task ListCatalogBelow_SqliteRange_EveryDescendantInOrderOrNullPastTheLimit()
    {
        var store = await Fixture.OpenAsync(StoreBackend.Sqlite);
        var entries = new[] { "/k", "/k/a", "/k/b/c", "/k0", "/k-x", "/ka" }.Select(p => Entry(p, p == "/k" ? EntryKind.Directory : EntryKind.File)).ToList();
        await store.CommitAsync(Commit([], entries, [], Hex(1), 1));

        Assert.Equal(["/k/a", "/k/b/c"], (await store.ListCatalogBelowAsync("/k", 2))!.Select(e => e.Path));
        Assert.Null(await store.ListCatalogBelowAsync("/k", 1));
        Assert.Equal(6, (await store.ListCatalogBelowAsync("/", 6))!.Count);
        Assert.Empty((await store.ListCatalogBelowAsync("/none", 5))!);
    }

    internal static TreeCommit Commit(IReadOnlyList<NewObject> objects, IReadOnlyList<FileEntry> upserts, IReadOnlyList<string> deletes, string root, long at, string? baseRoot = null) =>
        new(objects, upserts, deletes, root, at) { BaseRootHash = baseRoot };

    internal static FileEntry Entry(string path, EntryKind kind = EntryKind.File, long size = 5) =>
        new(
            path,
            kind,
            Hex(path.Length),
            kind == EntryKind.File ? size : 0,
            kind == EntryKind.File ? "text/plain" : null,
            null,
            1000,
            2000,
            new VersionStamp(3000, ulong.MaxValue - 1));

    internal static NewObject NewDirectory(string seed)
    {
        var data = System.Text.Encoding.UTF8.GetBytes(seed);
        return new NewObject(ContentHasher.DirectoryId(data), ObjectKind.Directory, false, data);
    }

    internal static string Hex(int seed) => Convert.ToHexStringLower(ContentHasher.ChunkId(BitConverter.GetBytes(seed), system: false));
}
