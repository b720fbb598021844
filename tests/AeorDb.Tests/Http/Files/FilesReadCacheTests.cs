using System.Net;
using System.Text;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Files;

/// <summary>
/// Reads of HEAD are answered from the silo's caches (LocalHead for entries, SmallFileCache for small files' bytes):
/// every read that starts after a write was acknowledged sees that write, whatever the caches held before.
/// </summary>
public sealed class FilesReadCacheTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task Get_AfterOverwriteOfACachedFile_ServesTheNewBytesAndHeaders()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("cache-put") + "/doc.txt";
        await root.PutTextAsync(path, "first");
        Assert.Equal("first", await TextAsync(root, path));
        Assert.Equal("first", await TextAsync(root, path));

        await root.PutTextAsync(path, "second, longer");

        Assert.Equal("second, longer", await TextAsync(root, path));
        using var head = await root.HeadAsync("/files" + path);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("14", head.Headers.GetValues("X-AeorDB-Size").Single());
    }

    [Fact]
    public async Task Get_AfterDeleteOfACachedFile_Answers404()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("cache-del") + "/doc.txt";
        await root.PutTextAsync(path, "short-lived");
        Assert.Equal("short-lived", await TextAsync(root, path));

        using (var deleted = await root.DeleteAsync("/files" + path))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        using var response = await root.GetAsync("/files" + path);
        await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
        using var head = await root.HeadAsync("/files" + path);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Fact]
    public async Task Get_AfterRenameOfACachedFile_ServesItOnlyAtTheDestination()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("cache-mv");
        await root.PutTextAsync(directory + "/from.txt", "moving");
        Assert.Equal("moving", await TextAsync(root, directory + "/from.txt"));
        using (var missing = await root.GetAsync($"/files{directory}/to.txt"))
        {
            await Expect.ErrorAsync(missing, HttpStatusCode.NotFound);
        }

        using (var renamed = await root.PatchJsonAsync($"/files{directory}/from.txt", new { to = directory + "/to.txt" }))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }

        using (var old = await root.GetAsync($"/files{directory}/from.txt"))
        {
            await Expect.ErrorAsync(old, HttpStatusCode.NotFound);
        }

        Assert.Equal("moving", await TextAsync(root, directory + "/to.txt"));
    }

    [Fact]
    public async Task Get_RightAfterEachAcknowledgedWrite_WhileOthersReadThePath_NeverServesAnOlderVersion()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("cache-race") + "/counter.txt";
        await root.PutTextAsync(path, "v0");
        using var stop = new CancellationTokenSource();

        // Readers keep the path's entry and bytes cached (and re-cached) while the writer moves HEAD on.
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await root.GetAsync("/files" + path);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        })).ToArray();
        try
        {
            for (var version = 1; version <= 40; version++)
            {
                await root.PutTextAsync(path, "v" + version);
                Assert.Equal("v" + version, await TextAsync(root, path));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers);
        }
    }

    [Fact]
    public async Task Get_SameBytesAtTwoPaths_DeletingOneKeepsTheOtherServed()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("cache-shared");
        await root.PutTextAsync(directory + "/a.txt", "identical bytes");
        await root.PutTextAsync(directory + "/b.txt", "identical bytes");
        Assert.Equal("identical bytes", await TextAsync(root, directory + "/a.txt"));

        using (var deleted = await root.DeleteAsync($"/files{directory}/a.txt"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        Assert.Equal("identical bytes", await TextAsync(root, directory + "/b.txt"));
        using var gone = await root.GetAsync($"/files{directory}/a.txt");
        await Expect.ErrorAsync(gone, HttpStatusCode.NotFound);
    }

    private static async Task<string> TextAsync(ApiClient client, string path)
    {
        using var response = await client.GetAsync("/files" + path);
        return Encoding.UTF8.GetString(await Expect.BytesAsync(response, HttpStatusCode.OK));
    }
}
