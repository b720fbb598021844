using System.Net;
using System.Text;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Files;

/// <summary>
/// CONTRACT §1.5. Kestrel already folds literal <c>/../</c> in the URL, so these tests smuggle segments
/// through <c>%2F</c>, which reaches the route capture still encoded and is decoded by the product.
/// </summary>
public sealed class PathCanonicalisationTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task Put_EncodedDotDotBeyondRoot_StaysInsideTheTree()
    {
        var root = await Node.RootAsync();
        var name = TestPaths.Unique("escape").TrimStart('/');

        using var response = await root.PutBytesAsync($"/files/a%2F..%2F..%2F..%2F..%2F{name}.txt", Encoding.UTF8.GetBytes("x"), "text/plain");

        var body = await Expect.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/{name}.txt", body.GetProperty("path").GetString());
        using var check = await root.GetAsync($"/files/{name}.txt");
        await Expect.StatusAsync(check, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Put_EmptyAndDotSegments_AreDropped()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("dots");

        using var response = await root.PutBytesAsync($"/files{directory}%2F%2F.%2Fsub%2F.%2Ffile.txt", Encoding.UTF8.GetBytes("x"), "text/plain");

        var body = await Expect.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(directory + "/sub/file.txt", body.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Put_PercentEncodedName_IsDecoded()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("decode");

        using var response = await root.PutBytesAsync($"/files{directory}/hello%20w%C3%B6rld.txt", Encoding.UTF8.GetBytes("x"), "text/plain");

        var body = await Expect.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(directory + "/hello wörld.txt", body.GetProperty("path").GetString());
    }

    /// <summary>
    /// Kestrel refuses a decoded NUL in the request path (400, "The path contains null characters") before
    /// routing, so a URL can never carry one to the store; the stripping rule itself is exercised through
    /// JSON path fields (<see cref="Rename_NulAndDotDotInTarget_AreCanonicalised"/>).
    /// </summary>
    [Fact]
    public async Task Put_NulInUrlPath_IsRefusedOrStrippedNeverStored()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("nul");

        using var response = await root.PutBytesAsync($"/files{directory}/nu%00ll.txt", Encoding.UTF8.GetBytes("x"), "text/plain");

        if (response.StatusCode == HttpStatusCode.Created)
        {
            var body = await Expect.JsonAsync(response, HttpStatusCode.Created);
            Assert.Equal(directory + "/null.txt", body.GetProperty("path").GetString());
        }
        else
        {
            await Expect.StatusAsync(response, HttpStatusCode.BadRequest);
            using var listing = await root.GetAsync($"/files{directory}/");
            Assert.Equal(HttpStatusCode.NotFound, listing.StatusCode);
        }
    }

    [Fact]
    public async Task Rename_NulAndDotDotInTarget_AreCanonicalised()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("mvnul");
        await root.PutTextAsync(directory + "/src.txt", "moving");

        using var response = await root.PatchJsonAsync($"/files{directory}/src.txt", new { to = $"  {directory}/x/../re\u0000named.txt  " });

        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(directory + "/renamed.txt", body.GetProperty("to").GetString());
        using var check = await root.GetAsync($"/files{directory}/renamed.txt");
        Assert.Equal("moving", Encoding.UTF8.GetString(await Expect.BytesAsync(check, HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Get_DifferentSpellingsOfOnePath_ReadTheSameFile()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("spell");
        await root.PutTextAsync(directory + "/a/b.txt", "one file");

        foreach (var spelling in new[] { $"{directory}/a/b.txt", $"{directory}%2F.%2Fa%2F%2Fb.txt", $"{directory}/x%2F..%2Fa/b.txt" })
        {
            using var response = await root.GetAsync("/files" + spelling);
            Assert.Equal("one file", Encoding.UTF8.GetString(await Expect.BytesAsync(response, HttpStatusCode.OK)));
            Assert.Equal(directory + "/a/b.txt", Expect.Header(response, "X-AeorDB-Path"));
        }
    }
}
