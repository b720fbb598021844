using System.Net;
using AeorDb.Tests.Http.Sync;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Lifecycle;

/// <summary>
/// A restarted node rebuilds HEAD from one streamed scan of its catalog into the compact in-memory tree: it must serve
/// every file as written (bytes and content type) and report the same root hash as before the restart.
/// </summary>
public sealed class ColdStartCatalogTests
{
    private const int Files = 400;

    [Fact]
    public async Task Restart_ManyFilesRenamesAndDeletes_ServesSameContentAndRootHash()
    {
        await using var node = await AeorDbNode.StartAsync();
        var root = await node.RootAsync();
        var expected = new Dictionary<string, (string Text, string Type)>();
        await Parallel.ForAsync(0, Files, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            // One directory large enough to be stored as index nodes, and a few small ones two levels down.
            var path = i < Files / 2 ? $"/cold/big/f{i:D4}.txt" : $"/cold/d{i % 7}/s{i % 3}/f{i:D4}.json";
            var type = path.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/plain";
            var text = type == "application/json" ? $"{{\"file\":{i}}}" : $"file {i}";
            await root.PutFileAsync(path, System.Text.Encoding.UTF8.GetBytes(text), type);
            lock (expected)
            {
                expected[path] = (text, type);
            }
        });
        using (var renamed = await root.PatchJsonAsync("/files/cold/big/f0001.txt", new { to = "/cold/moved/f0001.txt" }))
        {
            Assert.True(renamed.IsSuccessStatusCode, $"rename answered {renamed.StatusCode}");
        }

        expected["/cold/moved/f0001.txt"] = expected["/cold/big/f0001.txt"];
        expected.Remove("/cold/big/f0001.txt");
        using (var deleted = await root.DeleteAsync("/files/cold/big/f0002.txt"))
        {
            Assert.True(deleted.IsSuccessStatusCode, $"delete answered {deleted.StatusCode}");
        }

        expected.Remove("/cold/big/f0002.txt");
        var before = (await SyncClient.DiffAsync(root, new { })).GetProperty("root_hash").GetString();

        await node.StopAsync();
        await node.RestartAsync();
        root = await node.RootAsync();

        Assert.Equal(before, (await SyncClient.DiffAsync(root, new { })).GetProperty("root_hash").GetString());
        foreach (var (path, (text, type)) in expected)
        {
            using var response = await root.GetAsync("/files" + path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(text, await response.Content.ReadAsStringAsync());
            Assert.StartsWith(type, response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        }

        using var gone = await root.GetAsync("/files/cold/big/f0002.txt");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
