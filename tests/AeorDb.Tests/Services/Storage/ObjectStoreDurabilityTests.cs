using AeorDb.Grains.Services.Hashing;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Services.Storage;

public sealed class ObjectStoreDurabilityTests : StoreTests
{
    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task PutChunk_ManyConcurrentTasks_AllDurableAfterReopen(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend, maxQueuedBytes: 64 * 1024);
        var chunks = Enumerable.Range(0, 400).Select(i => ObjectStoreObjectTests.RandomBytes(1 + (i * 997 % 20_000))).ToList();

        var hashes = await Task.WhenAll(chunks.Select(c => Task.Run(async () => await store.PutChunkAsync(c, system: false))));
        await store.DisposeAsync();
        var reopened = await Fixture.OpenAsync(backend);

        var buffer = new byte[ContentHasher.ChunkSize];
        for (var i = 0; i < chunks.Count; i++)
        {
            var length = await reopened.ReadAsync(hashes[i], buffer);
            Assert.Equal(chunks[i], buffer.AsSpan(0, length).ToArray());
        }
    }
}
