using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;
using AeorDb.Grains.Services.Storage;
using Xunit;
using static AeorDb.Tests.Services.Storage.ObjectStoreTreeTests;

namespace AeorDb.Tests.Services.Storage;

/// <summary>Small files staged for the tree commit that puts them (<see cref="ISmallFileStaging"/>, embedded store only).</summary>
public sealed class SqliteStagingTests : StoreTests
{
    [Fact]
    public async Task Stage_ThenCommitPuttingIt_StoresObjectsInTheCommit()
    {
        var store = await Fixture.OpenAsync();
        var data = RandomBytes(4096);

        var staged = Stage(store, data);
        Assert.Null(await store.GetFileVersionAsync(staged.Version.Hash));
        await store.CommitAsync(Commit([], [FileAt("/d/a.bin", staged.Version)], [], Hex(1), 10));
        staged.Release(committed: true);
        await store.DisposeAsync();

        var reopened = await Fixture.OpenAsync();
        AssertSame(staged.Version, await reopened.GetFileVersionAsync(staged.Version.Hash));
        Assert.Equal(data, await ReadChunkAsync(reopened, staged.Version.ChunkHashes[0]));
        Assert.Equal(["/d/a.bin"], await reopened.GetReferencingPathsAsync(Convert.FromHexString(staged.Version.Hash), 10));
        Assert.Equal(["/d/a.bin"], await reopened.GetReferencingPathsAsync(Convert.FromHexString(staged.Version.ChunkHashes[0]), 10));
    }

    [Fact]
    public async Task Stage_SameVersionAsPutSmallFile()
    {
        var store = await Fixture.OpenAsync();
        var data = RandomBytes(1000);

        var staged = Stage(store, data, "text/plain");
        var put = await store.PutSmallFileAsync(data, "text/plain", system: false);

        AssertSame(put, staged.Version);
        staged.Release(committed: false);
    }

    [Fact]
    public async Task Stage_ReleasedBeforeTheCommit_CommitWritesNoObjects()
    {
        var store = await Fixture.OpenAsync();
        var staged = Stage(store, RandomBytes(100));

        staged.Release(committed: false);
        await store.CommitAsync(Commit([], [FileAt("/a", staged.Version)], [], Hex(1), 10));

        Assert.Null(await store.GetFileVersionAsync(staged.Version.Hash));
        Assert.Equal(0, store.StagedBytes);
    }

    [Fact]
    public async Task Stage_HeldByTwoWriters_StaysUntilBothRelease()
    {
        var store = await Fixture.OpenAsync();
        var data = RandomBytes(2048);
        var first = Stage(store, data);
        var second = Stage(store, data);

        first.Release(committed: false);
        await store.CommitAsync(Commit([], [FileAt("/b", second.Version)], [], Hex(1), 10));
        second.Release(committed: true);

        AssertSame(second.Version, await store.GetFileVersionAsync(second.Version.Hash));
        Assert.Equal(data, await ReadChunkAsync(store, second.Version.ChunkHashes[0]));
        Assert.Equal(0, store.StagedBytes);
    }

    [Fact]
    public async Task Stage_CommitRolledBack_ObjectsStayStagedAndPersistStoresThem()
    {
        var store = await Fixture.OpenAsync();
        var data = RandomBytes(3000);
        var staged = Stage(store, data);

        var refused = Commit([], [FileAt("/c", staged.Version)], [], Hex(2), 10, baseRoot: Hex(1));
        await Assert.ThrowsAsync<TreeHeadMovedException>(() => store.CommitAsync(refused));
        Assert.Null(await store.GetFileVersionAsync(staged.Version.Hash));

        await staged.PersistAsync();
        await store.DisposeAsync();
        var reopened = await Fixture.OpenAsync();
        AssertSame(staged.Version, await reopened.GetFileVersionAsync(staged.Version.Hash));
        Assert.Equal(data, await ReadChunkAsync(reopened, staged.Version.ChunkHashes[0]));
        Assert.Equal(0, store.StagedBytes);
    }

    [Fact]
    public async Task Stage_EmptyFile_StoresItsRecordOnly()
    {
        var store = await Fixture.OpenAsync();

        var staged = Stage(store, []);
        await store.CommitAsync(Commit([], [FileAt("/empty", staged.Version)], [], Hex(1), 10));
        staged.Release(committed: true);

        Assert.Empty(staged.Version.ChunkHashes);
        AssertSame(staged.Version, await store.GetFileVersionAsync(staged.Version.Hash));
    }

    [Fact]
    public async Task Stage_FromTheSegmentThreshold_IsDeclined()
    {
        var store = await Fixture.OpenAsync(configure: o => o.SegmentThresholdBytes = 1024);

        Assert.Null(store.TryStage(new byte[1024], null, system: false));
        Assert.NotNull(store.TryStage(new byte[1023], null, system: false));
    }

    [Fact]
    public async Task Stage_PastTheBudget_IsDeclinedUntilReleased()
    {
        var store = await Fixture.OpenAsync(configure: o => o.MaxStagedBytes = 5000);
        var first = Stage(store, RandomBytes(3000));

        Assert.Null(store.TryStage(RandomBytes(3000), null, system: false));
        first.Release(committed: false);
        Assert.NotNull(store.TryStage(RandomBytes(3000), null, system: false));
    }

    [Fact]
    public async Task Stage_SystemFile_UsesTheSystemChunkId()
    {
        var store = await Fixture.OpenAsync();
        var data = RandomBytes(64);

        var staged = Stage(store, data, system: true);

        Assert.True(staged.Version.System);
        Assert.Equal(Convert.ToHexStringLower(ContentHasher.ChunkId(data, system: true)), staged.Version.ChunkHashes[0]);
        staged.Release(committed: false);
    }

    private static IStagedFile Stage(SqliteObjectStore store, byte[] data, string? contentType = "application/octet-stream", bool system = false) =>
        store.TryStage(data, contentType, system) ?? throw new InvalidOperationException("The store declined to stage.");

    private static void AssertSame(FileVersion expected, FileVersion? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { ChunkHashes = [] }, actual with { ChunkHashes = [] });
        Assert.Equal(expected.ChunkHashes, actual.ChunkHashes);
    }

    private static FileEntry FileAt(string path, FileVersion version) =>
        new(path, EntryKind.File, version.Hash, version.Size, version.ContentType, null, 1, 1, new VersionStamp(1, 1));

    private static byte[] RandomBytes(int length)
    {
        var data = new byte[length];
        Random.Shared.NextBytes(data);
        return data;
    }

    private static async Task<byte[]> ReadChunkAsync(IObjectStore store, string chunk)
    {
        var buffer = new byte[ContentHasher.ChunkSize];
        var length = await store.ReadAsync(Convert.FromHexString(chunk), buffer);
        return buffer.AsSpan(0, length).ToArray();
    }
}
