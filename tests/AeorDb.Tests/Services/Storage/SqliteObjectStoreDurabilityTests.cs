using AeorDb.Grains.Services.Hashing;
using Xunit;

namespace AeorDb.Tests.Services.Storage;

public sealed class SqliteObjectStoreDurabilityTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task PutChunk_ManyConcurrentTasks_AllDurableAfterReopen()
    {
        var store = await _fixture.OpenAsync(configure: o => o.MaxQueuedBytes = 64 * 1024);
        var chunks = Enumerable.Range(0, 400).Select(i => SqliteObjectStoreObjectTests.RandomBytes(1 + (i * 997 % 20_000))).ToList();

        var hashes = await Task.WhenAll(chunks.Select(c => Task.Run(async () => await store.PutChunkAsync(c, system: false))));
        await store.DisposeAsync();
        var reopened = await _fixture.OpenAsync();

        var buffer = new byte[ContentHasher.ChunkSize];
        for (var i = 0; i < chunks.Count; i++)
        {
            var length = await reopened.ReadAsync(hashes[i], buffer);
            Assert.Equal(chunks[i], buffer.AsSpan(0, length).ToArray());
        }
    }

    [Fact]
    public async Task PutChunk_Acknowledged_SurvivesCrashWithoutCheckpoint()
    {
        // No checkpoint runs (autocheckpoint off), so acknowledged data lives only in the WAL. Copying the
        // database and WAL files while the store is still open is what a kill -9 leaves on disk.
        var store = await _fixture.OpenAsync(configure: o => o.WalAutoCheckpointBytes = 0);
        var data = SqliteObjectStoreObjectTests.RandomBytes(ContentHasher.ChunkSize);
        var hash = await store.PutChunkAsync(data, system: false);
        await store.CommitAsync(new([], [], [], Convert.ToHexStringLower(hash), 1));

        var crashed = Path.Combine(_fixture.Directory, "crashed.aeordb");
        File.Copy(_fixture.DatabasePath, crashed);
        File.Copy(_fixture.DatabasePath + "-wal", crashed + "-wal");
        var recovered = await _fixture.OpenAsync(crashed);

        var buffer = new byte[ContentHasher.ChunkSize];
        Assert.Equal(data.Length, await recovered.ReadAsync(hash, buffer));
        Assert.Equal(data, buffer);
        Assert.Equal(Convert.ToHexStringLower(hash), await recovered.GetHeadRootAsync());
    }
}
