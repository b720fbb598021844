using System.Net;
using System.Text;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.ScaleOut;

/// <summary>
/// Two silos of one node on PostgreSQL: a file read through one silo (so its caches hold it), then overwritten, deleted
/// or renamed through the other, is seen changed through the first as soon as the write is acknowledged.
/// </summary>
public sealed class ScaleOutReadCacheTests
{
    [PostgresFact]
    public async Task Get_WriteThroughTheOtherSilo_IsSeenAtOnce()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var silo1 = await ScaleOutSilos.StartAsync(database, first: true);
        await using var silo2 = await ScaleOutSilos.StartAsync(database, first: false);
        var token = await silo1.RootTokenAsync();
        var (root1, root2) = (silo1.WithToken(token), silo2.WithToken(token));

        foreach (var (reader, writer) in new[] { (root1, root2), (root2, root1) })
        {
            var directory = TestPaths.Unique("scale-cache");
            await writer.PutTextAsync(directory + "/file.txt", "first");
            await writer.PutTextAsync(directory + "/moved.txt", "moving");
            Assert.Equal("first", await TextAsync(reader, directory + "/file.txt"));
            Assert.Equal("moving", await TextAsync(reader, directory + "/moved.txt"));

            await writer.PutTextAsync(directory + "/file.txt", "second");
            Assert.Equal("second", await TextAsync(reader, directory + "/file.txt"));

            using (var renamed = await writer.PatchJsonAsync($"/files{directory}/moved.txt", new { to = directory + "/target.txt" }))
            {
                Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
            }

            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(reader, directory + "/moved.txt"));
            Assert.Equal("moving", await TextAsync(reader, directory + "/target.txt"));

            using (var deleted = await writer.DeleteAsync($"/files{directory}/file.txt"))
            {
                Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
            }

            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(reader, directory + "/file.txt"));
        }
    }

    private static async Task<string> TextAsync(ApiClient client, string path)
    {
        using var response = await client.GetAsync("/files" + path);
        return Encoding.UTF8.GetString(await Expect.BytesAsync(response, HttpStatusCode.OK));
    }

    private static async Task<HttpStatusCode> StatusAsync(ApiClient client, string path)
    {
        using var response = await client.GetAsync("/files" + path);
        return response.StatusCode;
    }
}
