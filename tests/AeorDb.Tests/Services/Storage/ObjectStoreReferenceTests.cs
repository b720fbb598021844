using System.Text;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Storage;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Services.Storage;

/// <summary>The reference index (object → paths) each tree commit fills, on both backends.</summary>
public sealed class ObjectStoreReferenceTests : StoreTests
{
    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Commit_FileVersion_RecordsVersionAndChunksUnderPath_AndSurvivesReopen(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var (version, chunks) = await PutVersionAsync(store, "one", "two");
        await store.CommitAsync(new TreeCommit([], [File("/b/y.txt", version, 1), File("/a/x.txt", version, 1)], [], Hash(1), 1));

        await store.DisposeAsync();
        var reopened = await Fixture.OpenAsync(backend);

        Assert.Equal(["/a/x.txt", "/b/y.txt"], await reopened.GetReferencingPathsAsync(Convert.FromHexString(version.Hash), 10));
        foreach (var chunk in chunks)
        {
            Assert.Equal(["/a/x.txt", "/b/y.txt"], await reopened.GetReferencingPathsAsync(chunk, 10));
        }

        Assert.Equal(["/a/x.txt"], await reopened.GetReferencingPathsAsync(chunks[0], 1));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Commit_PathOverwrittenThenDeleted_KeepsOlderVersionAttributed(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var (first, _) = await PutVersionAsync(store, "first");
        var (second, _) = await PutVersionAsync(store, "second");
        await store.CommitAsync(new TreeCommit([], [File("/f.txt", first, 1)], [], Hash(1), 1));
        await store.CommitAsync(new TreeCommit([], [File("/f.txt", second, 2)], [], Hash(2), 2) { BaseRootHash = Hash(1) });
        await store.CommitAsync(new TreeCommit([], [], ["/f.txt"], Hash(3), 3) { BaseRootHash = Hash(2) });

        Assert.Equal(["/f.txt"], await store.GetReferencingPathsAsync(Convert.FromHexString(first.Hash), 10));
        Assert.Equal(["/f.txt"], await store.GetReferencingPathsAsync(Convert.FromHexString(second.Hash), 10));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Commit_SystemVersionOrDirectory_RecordsNothing(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var chunk = await store.PutChunkAsync(Encoding.UTF8.GetBytes("seed"), system: true);
        var version = await store.PutFileVersionAsync([Convert.ToHexStringLower(chunk)], 4, null, system: true);
        var directory = new FileEntry("/.aeordb-system", EntryKind.Directory, Hash(9), 0, null, null, 1, 1, new VersionStamp(1, 7));
        await store.CommitAsync(new TreeCommit([], [directory, File("/.aeordb-system/key", version, 1)], [], Hash(1), 1));

        Assert.Empty(await store.GetReferencingPathsAsync(Convert.FromHexString(version.Hash), 10));
        Assert.Empty(await store.GetReferencingPathsAsync(chunk, 10));
        Assert.Empty(await store.GetReferencingPathsAsync(Convert.FromHexString(Hash(9)), 10));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public async Task Open_DatabaseWrittenBeforeTheIndex_FillsItFromTheHistory(StoreBackend backend)
    {
        var store = await Fixture.OpenAsync(backend);
        var (version, chunks) = await PutVersionAsync(store, "old");
        await store.CommitAsync(new TreeCommit([], [File("/old/x.txt", version, 1)], [], Hash(1), 1));
        await store.DisposeAsync();
        await EmptyIndexAsync(backend);

        var reopened = await Fixture.OpenAsync(backend);

        Assert.Equal(["/old/x.txt"], await reopened.GetReferencingPathsAsync(Convert.FromHexString(version.Hash), 10));
        Assert.Equal(["/old/x.txt"], await reopened.GetReferencingPathsAsync(chunks[0], 10));
    }

    /// <summary>Empties the index, marker included: the state of a database written before the index existed.</summary>
    private async Task EmptyIndexAsync(StoreBackend backend)
    {
        if (backend == StoreBackend.Sqlite)
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Fixture.DatabasePath};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM aeor_object_paths";
            await command.ExecuteNonQueryAsync();
            return;
        }

        await using var pg = new Npgsql.NpgsqlConnection(Fixture.Database!.ConnectionString);
        await pg.OpenAsync();
        await using var delete = new Npgsql.NpgsqlCommand("DELETE FROM aeor_object_paths", pg);
        await delete.ExecuteNonQueryAsync();
    }

    private static async Task<(FileVersion Version, byte[][] Chunks)> PutVersionAsync(INodeStore store, params string[] parts)
    {
        var chunks = new List<byte[]>();
        foreach (var part in parts)
        {
            chunks.Add(await store.PutChunkAsync(Encoding.UTF8.GetBytes(part + Guid.NewGuid()), system: false));
        }

        var version = await store.PutFileVersionAsync([.. chunks.Select(Convert.ToHexStringLower)], 10, "text/plain", system: false);
        return (version, [.. chunks]);
    }

    private static FileEntry File(string path, FileVersion version, long time) =>
        new(path, EntryKind.File, version.Hash, version.Size, version.ContentType, null, 1, time, new VersionStamp(time, 7));

    private static string Hash(long seed) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(seed)));
}
