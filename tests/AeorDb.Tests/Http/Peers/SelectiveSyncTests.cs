using System.Net;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Peers;

/// <summary>The product page's "Selective Sync": an edge node whose peer has <c>sync_paths: ["/public/**"]</c> pulls only that subtree.</summary>
public sealed class SelectiveSyncTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Pull_WithSyncPaths_OnlyPublicReachesTheEdgeAndOthersStayUntouched()
    {
        await using var pair = await JoinedPair.StartAsync(JoinedPair.FastPeers, pointAAtB: false);
        var (origin, edge) = (pair.RootA, pair.RootB);
        await Expect.StatusAsync(
            await edge.PostJsonAsync("/sync/peers", new { address = pair.A.BaseUrl.ToString().TrimEnd('/'), label = "Origin", sync_paths = new[] { "/public/**" } }),
            HttpStatusCode.Created);
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(edge, "active"), Deadline), "the edge never saw the origin active:\n" + pair.B.Output.StderrText);

        await edge.PutTextAsync("/private/local.txt", "the edge's own");
        await origin.PutTextAsync("/public/site/index.html", "<h1>hi</h1>");
        await origin.PutTextAsync("/private/secret.txt", "origin only");
        await origin.PutTextAsync("/private/local.txt", "origin's version");

        await TriggerOkAsync(edge);

        Assert.Equal("<h1>hi</h1>"u8.ToArray(), await Expect.BytesAsync(await edge.GetAsync("/files/public/site/index.html"), HttpStatusCode.OK));
        await Expect.StatusAsync(await edge.GetAsync("/files/private/secret.txt"), HttpStatusCode.NotFound);
        Assert.Equal("the edge's own"u8.ToArray(), await Expect.BytesAsync(await edge.GetAsync("/files/private/local.txt"), HttpStatusCode.OK));

        // A delete outside the filter on the origin never reaches the edge either.
        await Expect.StatusAsync(await origin.DeleteAsync("/files/private/local.txt"), HttpStatusCode.OK);
        await Expect.StatusAsync(await origin.DeleteAsync("/files/public/site/index.html"), HttpStatusCode.OK);
        await TriggerOkAsync(edge);

        await Expect.StatusAsync(await edge.GetAsync("/files/public/site/index.html"), HttpStatusCode.NotFound);
        Assert.Equal("the edge's own"u8.ToArray(), await Expect.BytesAsync(await edge.GetAsync("/files/private/local.txt"), HttpStatusCode.OK));
    }

    private static async Task TriggerOkAsync(ApiClient client)
    {
        var body = await Expect.JsonAsync(await client.SendAsync(HttpMethod.Post, "/sync/trigger"), HttpStatusCode.OK);
        var result = Assert.Single(body.GetProperty("results").EnumerateArray());
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
    }
}
