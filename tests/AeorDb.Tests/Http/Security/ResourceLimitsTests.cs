using System.Net;
using System.Text;
using AeorDb.Tests.Http.Auth;
using AeorDb.Tests.Http.Events;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Security;

/// <summary>
/// Issue item 3 and the resource limits: hostile globs, event streams, listing pages, permission files and header
/// counts are refused in the contract's error shape before they cost the node anything.
/// </summary>
public sealed class ResourceLimitsTests(LimitedNodeFixture fixture) : IClassFixture<LimitedNodeFixture>
{
    private static readonly TimeSpan StreamWait = TimeSpan.FromSeconds(30);

    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task Listing_SevenKilobyteGlob_Is400()
    {
        var root = await Node.RootAsync();
        // Within Kestrel's request line limit, so the glob (not the URL) is what gets refused.
        var glob = "*" + new string('a', 7 * 1024) + "*";

        using var response = await root.GetAsync("/files/?glob=" + glob);

        var body = await Expect.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_INPUT");
        Assert.Contains("too long", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_GlobWithTooManyAlternatives_Is400()
    {
        var root = await Node.RootAsync();

        using var response = await root.GetAsync("/files/?glob=" + Uri.EscapeDataString("{a,b}{c,d}{e,f}{g,h}{i,j}"));

        var body = await Expect.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_INPUT");
        Assert.Contains("alternatives", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncDiffPathsAndPeerSyncPathsAndKeyRules_OversizedGlob_Are400()
    {
        var root = await Node.RootAsync();
        var glob = "/" + new string('x', 2000);

        using var diff = await root.PostJsonAsync("/sync/diff", new { paths = new[] { glob } });
        await Expect.ErrorAsync(diff, HttpStatusCode.BadRequest);

        using var peer = await root.PostJsonAsync("/sync/peers", new { address = "http://127.0.0.1:9", sync_paths = new[] { "{a,b}{c,d}{e,f}{g,h}{i,j}" } });
        await Expect.ErrorAsync(peer, HttpStatusCode.BadRequest);

        using var key = await root.PostJsonAsync("/auth/keys", new { rules = new[] { new Dictionary<string, string> { [glob] = "-r--l---" } } });
        await Expect.ErrorAsync(key, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Listing_WithoutLimitPastThePageCap_AnswersOnePageWithTheCap()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("page");
        for (var i = 0; i < LimitedNodeFixture.ListingPage + 2; i++)
        {
            await root.PutTextAsync($"{directory}/f{i}.txt", "x");
        }

        using var unlimited = await root.GetAsync("/files" + directory + "/");
        var page = await Expect.JsonAsync(unlimited, HttpStatusCode.OK);
        Assert.Equal(LimitedNodeFixture.ListingPage, page.GetProperty("items").GetArrayLength());
        Assert.Equal(LimitedNodeFixture.ListingPage + 2, page.GetProperty("total").GetInt32());
        Assert.Equal(LimitedNodeFixture.ListingPage, page.GetProperty("limit").GetInt32());

        using var large = await root.GetAsync("/files" + directory + "/?limit=1000&offset=3");
        var rest = await Expect.JsonAsync(large, HttpStatusCode.OK);
        Assert.Equal(2, rest.GetProperty("items").GetArrayLength());
        Assert.Equal(LimitedNodeFixture.ListingPage, rest.GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task PutPermissionsFile_OverTheLimit_Is413AndNothingStored()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("perm") + "/.aeordb-permissions";
        var body = Encoding.UTF8.GetBytes("{\"links\":[" + string.Join(',', Enumerable.Repeat("{\"group\":\"g\",\"allow\":\"crudlify\"}", 100)) + "]}");
        Assert.True(body.Length > LimitedNodeFixture.PermissionsFileBytes);

        using var response = await root.PutBytesAsync("/files" + path, body, "application/json");

        await Expect.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        using var read = await root.GetAsync("/files" + path);
        await Expect.ErrorAsync(read, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EventStreams_PastThePerCallerLimit_Are429UntilOneCloses()
    {
        var root = await Node.RootAsync();
        var token = (await Node.MintTokenAsync(await root.CreatePlainKeyAsync("streams"))).GetProperty("token").GetString()!;
        var open = new List<SseStream>();
        try
        {
            for (var i = 0; i < LimitedNodeFixture.StreamsPerCaller; i++)
            {
                var stream = await SseStream.OpenAsync(Node.Http, i % 2 == 0 ? "/system/events" : "/sync/events", token);
                open.Add(stream);
                Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
            }

            using (var refused = await Node.WithToken(token).GetAsync("/system/events"))
            {
                await Expect.ErrorAsync(refused, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
                Assert.NotNull(Expect.Header(refused, "Retry-After"));
            }

            // Another caller keeps its own share.
            using var other = await SseStream.OpenAsync(Node.Http, "/system/events", root.Token);
            Assert.Equal(HttpStatusCode.OK, other.Response.StatusCode);

            open[0].Dispose();
            open.RemoveAt(0);
            var reopened = await Poll.UntilAsync(async () =>
            {
                var again = await SseStream.OpenAsync(Node.Http, "/system/events", token);
                if (again.Response.StatusCode == HttpStatusCode.OK)
                {
                    open.Add(again);
                    return true;
                }

                again.Dispose();
                return false;
            }, StreamWait);
            Assert.True(reopened, "No stream slot freed up after a stream closed");
        }
        finally
        {
            open.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Request_WithMoreHeadersThanTheLimit_IsRefusedAndTheNodeStaysUp()
    {
        var root = await Node.RootAsync();

        using var response = await root.GetAsync("/system/health", request =>
        {
            for (var i = 0; i < LimitedNodeFixture.RequestHeaders + 10; i++)
            {
                request.Headers.TryAddWithoutValidation($"X-Filler-{i}", "x");
            }
        });

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        using var health = await Node.Anonymous.GetAsync("/system/health");
        await Expect.StatusAsync(health, HttpStatusCode.OK);
    }
}
