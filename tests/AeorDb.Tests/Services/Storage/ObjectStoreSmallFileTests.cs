using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Services.Storage;

public sealed class ObjectStoreSmallFileTests : StoreTests
{
    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task PutSmallFile_SameBytesAsChunkedPath_GivesSameVersionAndSurvivesReopen(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var data = new byte[4096];
        Random.Shared.NextBytes(data);

        var small = await store.PutSmallFileAsync(data, "text/plain", system: false);

        var chunk = Convert.ToHexStringLower(ContentHasher.ChunkId(data, system: false));
        var expected = ContentHasher.FileVersionId(ContentHasher.EncodeFileVersion([chunk], data.Length, "text/plain"));
        Assert.Equal(Convert.ToHexStringLower(expected), small.Hash);
        Assert.Equal([chunk], small.ChunkHashes);

        await store.DisposeAsync();
        var reopened = await Fixture.OpenAsync(backend);
        var version = await reopened.GetFileVersionAsync(small.Hash);
        Assert.Equal(small.Hash, version?.Hash);
        var buffer = new byte[ContentHasher.ChunkSize];
        var length = await reopened.ReadAsync(Convert.FromHexString(chunk), buffer);
        Assert.Equal(data, buffer.AsSpan(0, length).ToArray());
        Assert.Equal(new ObjectInfo(ObjectKind.Chunk, false, data.Length), await reopened.GetInfoAsync(Convert.FromHexString(chunk)));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task PutSmallFile_Empty_HasNoChunks(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);

        var version = await store.PutSmallFileAsync(ReadOnlyMemory<byte>.Empty, null, system: false);

        Assert.Empty(version.ChunkHashes);
        Assert.Equal(0, version.Size);
        Assert.NotNull(await store.GetFileVersionAsync(version.Hash));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task PutSmallFile_MoreThanOneChunk_IsRefused(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.PutSmallFileAsync(new byte[ContentHasher.ChunkSize + 1], null, system: false));
    }
}
