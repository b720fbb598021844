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
    public async Task Chunks_AcceptFrames_AnswersTheSameChunksAsBinaryFrames()
    {
        var root = await Node.RootAsync();
        var d = TestPaths.Unique("sync-frames");
        var big = new byte[300 * 1024];
        new Random(3).NextBytes(big);
        await root.PutFileAsync(d + "/big.bin", big, "application/octet-stream");
        await root.PutTextAsync(d + "/b.txt", "bravo");
        var diff = await DiffAsync(root, new { paths = new[] { d + "/**" } });
        var bigChunks = Entry(diff, "files_added", d + "/big.bin").GetProperty("chunk_hashes").EnumerateArray().Select(h => h.GetString()!).ToArray();
        var chunkB = Entry(diff, "files_added", d + "/b.txt").GetProperty("chunk_hashes")[0].GetString()!;
        string[] asked = [chunkB, "not-hex", new string('0', 64), .. bigChunks];

        using var response = await root.SendAsync(HttpMethod.Post, "/sync/chunks", ApiClient.Json(new { hashes = asked }),
            r => r.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("application/vnd.aeordb.chunks")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.aeordb.chunks", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();

        // Frames in request order, unknown and malformed hashes skipped, as the JSON answer does.
        var frames = new List<(string Hash, byte[] Data)>();
        for (var at = 0; at < body.Length;)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(at + 32, 4));
            frames.Add((Convert.ToHexStringLower(body.AsSpan(at, 32)), body.AsSpan(at + 36, length).ToArray()));
            at += 36 + length;
        }

        Assert.Equal([chunkB, .. bigChunks], frames.Select(f => f.Hash));
        Assert.Equal("bravo"u8.ToArray(), frames[0].Data);
        Assert.Equal(big, frames.Skip(1).SelectMany(f => f.Data).ToArray());
        var json = await ChunksAsync(root, asked);
        Assert.Equal(json.Select(c => c.Data), frames.Select(f => f.Data));
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
