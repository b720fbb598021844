using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Collection;
using AeorDb.Grains.Services.Storage;
using AeorDb.Tests.TestSupport;
using Xunit;
using static AeorDb.Tests.Services.Storage.ObjectStoreTreeTests;

namespace AeorDb.Tests.Services.Storage;

/// <summary>
/// The same commit, read and garbage-collection scenarios on both dialects of the one storage engine: each backend
/// must store and answer exactly alike (catalog, history, current deletions, reference index, HEAD, GC counts).
/// </summary>
public sealed class StoreEngineConformanceTests : StoreTests
{
    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Commits_PutOverwriteDelete_EveryReadAgrees(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var one = await store.PutSmallFileAsync("one"u8.ToArray(), "text/plain", system: false);
        var two = await store.PutSmallFileAsync("two!"u8.ToArray(), "text/plain", system: false);
        var dir = NewDirectory("d");

        await store.CommitAsync(Commit([dir], [File("/a.txt", one, 1), File("/b.txt", one, 1), Entry("/d", EntryKind.Directory)], [], Hex(1), 10));
        await store.CommitAsync(Commit([], [File("/a.txt", two, 2)], [], Hex(2), 20, Hex(1)));
        await store.CommitAsync(Commit([], [], ["/b.txt"], Hex(3), 30, Hex(2)) with { Tombstones = [Tombstone("/b.txt", one, 3)] });

        Assert.Equal(Hex(3), await store.GetHeadRootAsync());
        Assert.True(await store.IsKnownRootAsync(Hex(1)));
        Assert.Equal(["/a.txt", "/d"], (await store.LoadCatalogAsync()).Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal(File("/a.txt", two, 2), await store.GetCatalogEntryAsync("/a.txt"));
        Assert.Equal([two.Hash, one.Hash], (await store.GetHistoryAsync("/a.txt")).Select(e => e.Hash));
        Assert.Equal([EntryKind.Deletion, EntryKind.File], (await store.GetHistoryAsync("/b.txt")).Select(e => e.Kind));
        var histories = await store.GetHistoriesAsync(["/a.txt", "/b.txt", "/none"]);
        Assert.Equal(["/a.txt", "/b.txt"], histories.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([Tombstone("/b.txt", one, 3)], await store.GetDeletionsAsync(null));
        Assert.Equal([Tombstone("/b.txt", one, 3)], await store.GetDeletionsAsync(Hex(2)));
        Assert.Empty(await store.GetDeletionsAsync(Hex(3)));
        Assert.Equal(["/a.txt", "/b.txt"], await store.GetReferencingPathsAsync(Convert.FromHexString(one.Hash), 10));
        Assert.Equal(["/a.txt"], await store.GetReferencingPathsAsync(Convert.FromHexString(two.ChunkHashes[0]), 10));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Commit_PutAgainAfterDeletion_IsNoLongerACurrentDeletion(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var one = await store.PutSmallFileAsync("one"u8.ToArray(), null, system: false);
        await store.CommitAsync(Commit([], [File("/a.txt", one, 1)], [], Hex(1), 10));
        await store.CommitAsync(Commit([], [], ["/a.txt"], Hex(2), 20, Hex(1)) with { Tombstones = [Tombstone("/a.txt", one, 2)] });

        await store.CommitAsync(Commit([], [File("/a.txt", one, 3)], [], Hex(3), 30, Hex(2)));

        Assert.Empty(await store.GetDeletionsAsync(null));
        Assert.Equal([EntryKind.File, EntryKind.Deletion, EntryKind.File], (await store.GetHistoryAsync("/a.txt")).Select(e => e.Kind));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Collect_RetentionZero_SweepsOverwrittenVersionAndItsReferencesOnly(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var (one, two) = await CommitOverwriteAsync(store);
        var oneBytes = await BytesOfAsync(store, one);
        await WaitUntilPutsAreOlderThanNowAsync(backend);

        var dryRun = await store.CollectAsync(RetainNothing(), dryRun: true);
        Assert.Equal((2L, oneBytes, true), (dryRun.GarbageEntries, dryRun.ReclaimedBytes, dryRun.DryRun));
        Assert.NotNull(await store.GetInfoAsync(Convert.FromHexString(one.Hash)));

        var result = await store.CollectAsync(RetainNothing(), dryRun: false);

        Assert.Equal((1L, 2L, 2L, oneBytes, false), (result.VersionsScanned, result.LiveEntries, result.GarbageEntries, result.ReclaimedBytes, result.DryRun));
        Assert.Null(await store.GetInfoAsync(Convert.FromHexString(one.Hash)));
        Assert.Null(await store.GetInfoAsync(Convert.FromHexString(one.ChunkHashes[0])));
        Assert.Empty(await store.GetReferencingPathsAsync(Convert.FromHexString(one.ChunkHashes[0]), 10));
        Assert.Equal(["/a.txt"], await store.GetReferencingPathsAsync(Convert.FromHexString(two.ChunkHashes[0]), 10));
        Assert.Equal(two.Hash, (await store.GetFileVersionAsync(two.Hash))?.Hash);
        Assert.False(await store.IsKnownRootAsync(Hex(1)));
        Assert.Equal(Hex(2), await store.GetHeadRootAsync());
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Collect_DefaultRetention_KeepsEveryRetainedVersion(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var (one, _) = await CommitOverwriteAsync(store);

        var result = await store.CollectAsync(new GarbageCollectionOptions(), dryRun: false);

        Assert.Equal((2L, 4L, 0L, 0L), (result.VersionsScanned, result.LiveEntries, result.GarbageEntries, result.ReclaimedBytes));
        Assert.NotNull(await store.GetFileVersionAsync(one.Hash));
        Assert.True(await store.IsKnownRootAsync(Hex(1)));
    }

    private static async Task<(FileVersion One, FileVersion Two)> CommitOverwriteAsync(INodeStore store)
    {
        var one = await store.PutSmallFileAsync("first version"u8.ToArray(), "text/plain", system: false);
        await store.CommitAsync(Commit([], [File("/a.txt", one, 1)], [], Hex(1), 10));
        var two = await store.PutSmallFileAsync("second version"u8.ToArray(), "text/plain", system: false);
        await store.CommitAsync(Commit([], [File("/a.txt", two, 2)], [], Hex(2), 20, Hex(1)));
        return (one, two);
    }

    /// <summary>The stored bytes of a version record and its chunks.</summary>
    private static async Task<long> BytesOfAsync(INodeStore store, FileVersion version)
    {
        long bytes = (await store.GetInfoAsync(Convert.FromHexString(version.Hash)))!.Length;
        foreach (var chunk in version.ChunkHashes)
        {
            bytes += (await store.GetInfoAsync(Convert.FromHexString(chunk)))!.Length;
        }

        return bytes;
    }

    /// <summary>
    /// PostgreSQL sweeps only objects put before the snapshot's millisecond minus the minimum age (0 here): wait until the
    /// server's clock is past the newest put, so the sweep sees every object of the test as old enough.
    /// </summary>
    private async Task WaitUntilPutsAreOlderThanNowAsync(StoreBackend backend)
    {
        if (backend != StoreBackend.Postgres)
        {
            return;
        }

        const string sql = "SELECT (extract(epoch from clock_timestamp()) * 1000)::bigint > (SELECT max(put_at) FROM aeor_objects)";
        Assert.True(await Poll.UntilAsync(async () => await Fixture.Database!.ScalarAsync(sql) is true, TimeSpan.FromSeconds(10)));
    }

    private static GarbageCollectionOptions RetainNothing() => new()
    {
        KeepVersions = 0,
        KeepAge = TimeSpan.Zero,
        InFlightProtection = TimeSpan.Zero,
        SharedStoreMinAge = TimeSpan.Zero,
    };

    private static FileEntry File(string path, FileVersion version, long time) =>
        new(path, EntryKind.File, version.Hash, version.Size, version.ContentType, null, time, time, new VersionStamp(time, 7));

    private static FileEntry Tombstone(string path, FileVersion version, long time) =>
        new(path, EntryKind.Deletion, version.Hash, 0, null, null, time, time, new VersionStamp(time, 7));
}
