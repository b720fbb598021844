using System.Net;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Console;

/// <summary>How /console is served (its own CSP, nosniff, embedded files) and the root-only GET /system/node.</summary>
public sealed class ConsoleEndpointTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private AeorDbNode Node => fixture.Node;

    [Theory]
    [InlineData("/console/", "text/html")]
    [InlineData("/console/console.js", "text/javascript")]
    [InlineData("/console/console.css", "text/css")]
    public async Task Console_Asset_ServedWithStrictCspAndNosniff(string path, string mediaType)
    {
        using var response = await Node.Anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("sandbox", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Console_PageHasNoInlineScriptOrStyle()
    {
        using var response = await Node.Anonymous.GetAsync("/console/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<script src=\"console.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", html);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_WithoutSlash_RedirectsToConsoleSlash()
    {
        using var response = await Node.Anonymous.GetAsync("/console");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("console/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Console_UnknownAsset_Answers404InContractShape()
    {
        var body = await Expect.JsonAsync(await Node.Anonymous.GetAsync("/console/nothing.js"), HttpStatusCode.NotFound);

        Assert.Equal("NOT_FOUND", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Console_SameEtag_Answers304()
    {
        using var first = await Node.Anonymous.GetAsync("/console/console.js");
        var etag = first.Headers.ETag!.Tag;

        using var second = await Node.Anonymous.GetAsync("/console/console.js", r => r.Headers.TryAddWithoutValidation("If-None-Match", etag));

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task NodeInfo_Root_ReportsIdVersionUptimeAndStorage()
    {
        var root = await Node.RootAsync();
        var status = await Expect.JsonAsync(await root.GetAsync("/sync/status"), HttpStatusCode.OK);
        var health = await Expect.JsonAsync(await Node.Anonymous.GetAsync("/system/health"), HttpStatusCode.OK);

        var node = await Expect.JsonAsync(await root.GetAsync("/system/node"), HttpStatusCode.OK);

        Assert.Equal(status.GetProperty("node_id").GetUInt64(), node.GetProperty("node_id").GetUInt64());
        Assert.Equal(health.GetProperty("version").GetString(), node.GetProperty("version").GetString());
        Assert.True(node.GetProperty("uptime_ms").GetInt64() > 0);
        Assert.True(node.GetProperty("started_at").GetInt64() <= DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var storage = node.GetProperty("storage");
        Assert.Equal("sqlite", storage.GetProperty("backend").GetString());
        Assert.True(storage.GetProperty("database_bytes").GetInt64() >= new FileInfo(Node.DatabasePath).Length);
        Assert.True(storage.GetProperty("disk_total_bytes").GetInt64() > storage.GetProperty("disk_available_bytes").GetInt64());
        Assert.InRange(storage.GetProperty("disk_used_ratio").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task NodeInfo_Anonymous_Answers401()
    {
        await Expect.JsonAsync(await Node.Anonymous.GetAsync("/system/node"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task NodeInfo_NonRootKey_Answers403()
    {
        var root = await Node.RootAsync();
        var user = await Expect.JsonAsync(await root.PostJsonAsync("/auth/keys", new { label = "reader", rules = new[] { new Dictionary<string, string> { ["/docs/**"] = "-r--l---" } } }), HttpStatusCode.Created);
        var token = (await Node.MintTokenAsync(user.GetProperty("key").GetString()!)).GetProperty("token").GetString()!;

        await Expect.JsonAsync(await Node.WithToken(token).GetAsync("/system/node"), HttpStatusCode.Forbidden);
    }
}
