using System.Net;
using AeorDb.Tests.TestSupport;
using Xunit;
using static AeorDb.Tests.Http.Sync.SyncClient;

namespace AeorDb.Tests.Http.Sync;

/// <summary>CONTRACT §5.3 <c>POST /sync/chunks</c>: request order, silent skips, limits.</summary>
public sealed class SyncChunksTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task Chunks_MixedRequest_AnswersInRequestOrderAndSkipsWhatIsNotAChunk()
    {
        var root = await Node.RootAsync();
        var d = TestPaths.Unique("sync-chunks");
        await root.PutTextAsync(d + "/a.txt", "alpha");
        await root.PutTextAsync(d + "/b.txt", "bravo");
        var diff = await DiffAsync(root, new { paths = new[] { d + "/**" } });
        var a = Entry(diff, "files_added", d + "/a.txt");
        var chunkA = a.GetProperty("chunk_hashes")[0].GetString()!;
        var chunkB = Entry(diff, "files_added", d + "/b.txt").GetProperty("chunk_hashes")[0].GetString()!;
        var versionHash = a.GetProperty("hash").GetString()!;

        var chunks = await ChunksAsync(root, [chunkB, "not-hex", new string('0', 64), versionHash, chunkA.ToUpperInvariant(), chunkB]);

        Assert.Equal([chunkB, chunkA.ToUpperInvariant(), chunkB], chunks.Select(c => c.Hash));
        Assert.Equal(["bravo", "alpha", "bravo"], chunks.Select(c => System.Text.Encoding.UTF8.GetString(c.Data)));
        Assert.Equal([5, 5, 5], chunks.Select(c => c.Size));
    }

    [Fact]
    public async Task Chunks_EmptyList_ReturnsNoChunks()
    {
        var root = await Node.RootAsync();

        var chunks = await ChunksAsync(root, []);

        Assert.Empty(chunks);
    }

    [Fact]
    public async Task Chunks_10001Hashes_Returns400And10000AreAccepted()
    {
        var root = await Node.RootAsync();
        var hashes = Enumerable.Range(0, 10_001).Select(i => i.ToString("x64")).ToArray();

        using var tooMany = await root.PostJsonAsync("/sync/chunks", new { hashes });
        using var enough = await root.PostJsonAsync("/sync/chunks", new { hashes = hashes[..10_000] });

        await Expect.ErrorAsync(tooMany, HttpStatusCode.BadRequest);
        var body = await Expect.JsonAsync(enough, HttpStatusCode.OK);
        Assert.Empty(body.GetProperty("chunks").EnumerateArray());
    }

    [Fact]
    public async Task Chunks_WithoutToken_Returns401()
    {
        using var response = await Node.Anonymous.PostJsonAsync("/sync/chunks", new { hashes = Array.Empty<string>() });

        await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized);
    }
}
