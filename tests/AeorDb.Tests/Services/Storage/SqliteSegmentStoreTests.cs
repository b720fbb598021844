using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Hashing;
using AeorDb.Grains.Services.Storage;
using Microsoft.Data.Sqlite;
using Xunit;

namespace AeorDb.Tests.Services.Storage;

/// <summary>The SQLite store with segment files beside older databases whose chunks are inline blobs.</summary>
public sealed class SqliteSegmentStoreTests : StoreTests
{
    [Fact]
    public async Task Open_DatabaseWithoutSegmentColumns_InlineChunkReadsAndNewChunkGoesToSegment()
    {
        // A database as the store wrote it before segment files: the objects table without location columns.
        var old = ObjectStoreObjectTests.RandomBytes(ContentHasher.ChunkSize);
        var oldHash = ContentHasher.ChunkId(old, system: false);
        await using (var connection = new SqliteConnection($"Data Source={Fixture.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = SqliteStoreSql.CreateSchema;
            create.ExecuteNonQuery();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO aeor_objects (hash, kind, system, data) VALUES ($hash, $kind, 0, $data)";
            insert.Parameters.AddWithValue("$hash", oldHash);
            insert.Parameters.AddWithValue("$kind", (long)ObjectKind.Chunk);
            insert.Parameters.AddWithValue("$data", old);
            insert.ExecuteNonQuery();
        }

        var store = await Fixture.OpenAsync();
        var fresh = ObjectStoreObjectTests.RandomBytes(ContentHasher.ChunkSize);
        var freshHash = await store.PutChunkAsync(fresh, system: false);

        var buffer = new byte[ContentHasher.ChunkSize];
        Assert.Equal(old.Length, await store.ReadAsync(oldHash, buffer));
        Assert.Equal(old, buffer);
        Assert.Equal(fresh.Length, await store.ReadAsync(freshHash, buffer));
        Assert.Equal(fresh, buffer);
        Assert.Equal(old.Length, (await store.GetInfoAsync(oldHash))!.Length);
        Assert.Equal(fresh.Length, (await store.GetInfoAsync(freshHash))!.Length);

        // The new chunk's bytes are in a segment file, the old one's stayed in the database.
        var segments = Directory.GetFiles(Fixture.DatabasePath + ".segments", "*.seg");
        Assert.Equal(fresh.Length, new FileInfo(Assert.Single(segments)).Length);
    }

    [Fact]
    public async Task PutChunk_SameBytesTwice_AppendedOnce()
    {
        var store = await Fixture.OpenAsync();
        var data = ObjectStoreObjectTests.RandomBytes(ContentHasher.ChunkSize);
        await store.PutChunkAsync(data, system: false);
        await store.PutChunkAsync(data, system: false);
        await Task.WhenAll(store.PutChunkAsync(data, system: false).AsTask(), store.PutChunkAsync(data, system: false).AsTask());

        var segment = Assert.Single(Directory.GetFiles(Fixture.DatabasePath + ".segments", "*.seg"));
        Assert.Equal(data.Length, new FileInfo(segment).Length);
    }

    [Fact]
    public async Task PutChunk_BelowThreshold_StaysInline()
    {
        var store = await Fixture.OpenAsync(configure: o => o.SegmentThresholdBytes = 100_000);
        var small = ObjectStoreObjectTests.RandomBytes(99_999);
        var hash = await store.PutChunkAsync(small, system: false);

        var buffer = new byte[small.Length];
        Assert.Equal(small.Length, await store.ReadAsync(hash, buffer));
        Assert.Equal(small, buffer);
        Assert.Empty(Directory.Exists(Fixture.DatabasePath + ".segments") ? Directory.GetFiles(Fixture.DatabasePath + ".segments", "*.seg") : []);
    }
}
