using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Services.Storage;

public sealed class ObjectStoreObjectTests : StoreTests
{
    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task PutChunk_ThenRead_RoundTripsBytesUnderChunkId(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var data = RandomBytes(10_000);

        var hash = await store.PutChunkAsync(data, system: false);

        Assert.Equal(ContentHasher.ChunkId(data, system: false), hash);
        var buffer = new byte[ContentHasher.ChunkSize];
        var length = await store.ReadAsync(hash, buffer);
        Assert.Equal(data, buffer.AsSpan(0, length).ToArray());
        Assert.Equal(new ObjectInfo(ObjectKind.Chunk, false, data.Length), await store.GetInfoAsync(hash));
        Assert.True(await store.ContainsAsync(hash));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task PutChunk_SliceOfLargerBuffer_StoresOnlyTheSlice(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var backing = RandomBytes(ContentHasher.ChunkSize);
        var slice = backing.AsMemory(100, 5000);

        var hash = await store.PutChunkAsync(slice, system: false);

        var buffer = new byte[ContentHasher.ChunkSize];
        var length = await store.ReadAsync(hash, buffer.AsMemory(7));
        Assert.Equal(slice.ToArray(), buffer.AsSpan(7, length).ToArray());
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task PutChunk_FullSizeChunk_RoundTrips(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var data = RandomBytes(ContentHasher.ChunkSize);

        var hash = await store.PutChunkAsync(data, system: false);

        var buffer = new byte[ContentHasher.ChunkSize];
        Assert.Equal(data.Length, await store.ReadAsync(hash, buffer));
        Assert.Equal(data, buffer);
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task PutChunk_System_UsesSystemIdAndFlag(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var data = RandomBytes(64);

        var hash = await store.PutChunkAsync(data, system: true);

        Assert.Equal(ContentHasher.ChunkId(data, system: true), hash);
        Assert.Equal(new ObjectInfo(ObjectKind.Chunk, true, 64), await store.GetInfoAsync(hash));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task PutChunk_SameBytesTwice_IsIdempotent(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var data = RandomBytes(300);

        var first = await store.PutChunkAsync(data, system: false);
        var second = await store.PutChunkAsync(data.ToArray(), system: false);

        Assert.Equal(first, second);
        Assert.Equal(300, (await store.GetInfoAsync(first))!.Length);
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task PutChunk_EmptyChunk_RoundTrips(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);

        var hash = await store.PutChunkAsync(ReadOnlyMemory<byte>.Empty, system: false);

        Assert.Equal(0, await store.ReadAsync(hash, new byte[1]));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Read_UnknownHash_ReturnsMinusOneAndNoInfo(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var unknown = new byte[ContentHasher.HashLength];

        Assert.Equal(-1, await store.ReadAsync(unknown, new byte[16]));
        Assert.Null(await store.GetInfoAsync(unknown));
        Assert.False(await store.ContainsAsync(unknown));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task PutVerifiedChunk_MatchingHash_StoresWithRevealedFlag(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var data = RandomBytes(128);
        var systemId = ContentHasher.ChunkId(data, system: true);

        Assert.True(await store.PutVerifiedChunkAsync(systemId, data));

        Assert.Equal(new ObjectInfo(ObjectKind.Chunk, true, 128), await store.GetInfoAsync(systemId));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task PutVerifiedChunk_MismatchedHash_RefusesAndStoresNothing(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var data = RandomBytes(128);
        var wrong = ContentHasher.ChunkId(RandomBytes(128), system: false);

        Assert.False(await store.PutVerifiedChunkAsync(wrong, data));

        Assert.False(await store.ContainsAsync(wrong));
        Assert.False(await store.ContainsAsync(ContentHasher.ChunkId(data, system: false)));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task PutFileVersion_ThenGet_RoundTripsRecord(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var chunk = Convert.ToHexStringLower(await store.PutChunkAsync(RandomBytes(10), system: false));

        var version = await store.PutFileVersionAsync([chunk, chunk], 20, "text/plain", system: false);

        var expectedId = ContentHasher.FileVersionId(ContentHasher.EncodeFileVersion([chunk, chunk], 20, "text/plain"));
        Assert.Equal(Convert.ToHexStringLower(expectedId), version.Hash);
        Assert.Equal(new ObjectInfo(ObjectKind.FileVersion, false, ContentHasher.EncodeFileVersion([chunk, chunk], 20, "text/plain").Length), await store.GetInfoAsync(expectedId));
        await store.DisposeAsync();
        var fresh = await Fixture.OpenAsync(backend);
        var loaded = await fresh.GetFileVersionAsync(version.Hash);
        Assert.NotNull(loaded);
        Assert.Equal(version.Hash, loaded.Hash);
        Assert.Equal(20, loaded.Size);
        Assert.Equal("text/plain", loaded.ContentType);
        Assert.Equal([chunk, chunk], loaded.ChunkHashes);
        Assert.False(loaded.System);
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task GetFileVersion_UnknownOrChunkOrBadHex_ReturnsNull(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var chunk = await store.PutChunkAsync(RandomBytes(10), system: false);

        Assert.Null(await store.GetFileVersionAsync(new string('0', 64)));
        Assert.Null(await store.GetFileVersionAsync(Convert.ToHexStringLower(chunk)));
        Assert.Null(await store.GetFileVersionAsync("not-hex"));
    }

    internal static byte[] RandomBytes(int length)
    {
        var data = new byte[length];
        Random.Shared.NextBytes(data);
        return data;
    }
}
