using AeorDb.Grains.Services.Hashing;
using Xunit;

namespace AeorDb.Tests.Services.Storage;

public sealed class SqliteObjectStoreDurabilityTests : StoreTests
{
    [Fact]
    public async Task PutChunk_Acknowledged_SurvivesCrashWithoutCheckpoint()
    {
        // No checkpoint runs (autocheckpoint off), so acknowledged data lives only in the WAL. Copying the
        // database and WAL files (and the segment files, which hold the chunk) while the store is still open is
        // what a kill -9 leaves on disk.
        var store = await Fixture.OpenAsync(configure: o => { o.WalAutoCheckpointBytes = 0; o.BackgroundCheckpointBytes = 0; });
        var data = ObjectStoreObjectTests.RandomBytes(ContentHasher.ChunkSize);
        var hash = await store.PutChunkAsync(data, system: false);
        await store.CommitAsync(new([], [], [], Convert.ToHexStringLower(hash), 1));

        var crashed = Path.Combine(Fixture.Directory, "crashed.aeordb");
        File.Copy(Fixture.DatabasePath, crashed);
        File.Copy(Fixture.DatabasePath + "-wal", crashed + "-wal");
        Directory.CreateDirectory(crashed + ".segments");
        foreach (var segment in Directory.GetFiles(Fixture.DatabasePath + ".segments"))
        {
            File.Copy(segment, Path.Combine(crashed + ".segments", Path.GetFileName(segment)));
        }

        var recovered = await Fixture.OpenAsync(crashed);

        var buffer = new byte[ContentHasher.ChunkSize];
        Assert.Equal(data.Length, await recovered.ReadAsync(hash, buffer));
        Assert.Equal(data, buffer);
        Assert.Equal(Convert.ToHexStringLower(hash), await recovered.GetHeadRootAsync());
    }
}
