using System.Net;
using System.Text;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Links;

/// <summary>CONTRACT §4.6 <c>/links</c>, and how <c>/files</c> treats symlinks (§4.2–§4.4).</summary>
public sealed class LinksTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task PutLink_Target_Returns201WithCanonicalTarget()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("link");

        using var response = await root.PutJsonAsync($"/links{directory}/l", new { target = $"{directory}//data/./f.txt" });

        var body = await Expect.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(["created_at", "entry_type", "path", "target", "updated_at"], Expect.Keys(body));
        Assert.Equal(directory + "/l", body.GetProperty("path").GetString());
        Assert.Equal(directory + "/data/f.txt", body.GetProperty("target").GetString());
        Assert.Equal(8, body.GetProperty("entry_type").GetInt32());
    }

    [Fact]
    public async Task GetLink_Existing_ReturnsLinkWithoutFollowing()
    {
        var (root, directory) = await LinkToFileAsync();

        using var response = await root.GetAsync($"/links{directory}/l");

        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(directory + "/l", body.GetProperty("path").GetString());
        Assert.Equal(directory + "/f.txt", body.GetProperty("target").GetString());
        Assert.Equal(8, body.GetProperty("entry_type").GetInt32());
    }

    [Fact]
    public async Task GetFile_ThroughLink_FollowsAndNamesTarget()
    {
        var (root, directory) = await LinkToFileAsync();

        using var response = await root.GetAsync($"/files{directory}/l");

        Assert.Equal("target bytes", Encoding.UTF8.GetString(await Expect.BytesAsync(response, HttpStatusCode.OK)));
        Assert.Equal(directory + "/f.txt", Expect.Header(response, "X-AeorDB-Link-Target"));
    }

    [Fact]
    public async Task GetFile_LinkWithNoFollow_ReturnsLinkEntry()
    {
        var (root, directory) = await LinkToFileAsync();

        using var response = await root.GetAsync($"/files{directory}/l?nofollow=true");

        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(directory + "/f.txt", body.GetProperty("target").GetString());
        Assert.Equal(8, body.GetProperty("entry_type").GetInt32());
    }

    [Fact]
    public async Task HeadFile_Link_ReportsSymlinkAndTarget()
    {
        var (root, directory) = await LinkToFileAsync();

        using var response = await root.HeadAsync($"/files{directory}/l");

        await Expect.EmptyAsync(response, HttpStatusCode.OK);
        Assert.Equal("symlink", Expect.Header(response, "X-AeorDB-Type"));
        Assert.Equal(directory + "/f.txt", Expect.Header(response, "X-AeorDB-Link-Target"));
    }

    [Fact]
    public async Task List_DirectoryWithLink_ShowsSymlinkEntryWithTarget()
    {
        var (root, directory) = await LinkToFileAsync();

        using var response = await root.GetAsync($"/files{directory}/");

        var link = (await Expect.JsonAsync(response, HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("name").GetString() == "l");
        Assert.Equal(8, link.GetProperty("entry_type").GetInt32());
        Assert.Equal(directory + "/f.txt", link.GetProperty("target").GetString());
    }

    [Fact]
    public async Task GetFile_DanglingLink_Returns404()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("dangle");
        await PutLinkAsync(root, directory + "/l", directory + "/nothing-here");

        using var response = await root.GetAsync($"/files{directory}/l");

        await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetFile_LinkCycle_Returns400()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("cycle");
        await PutLinkAsync(root, directory + "/a", directory + "/b");
        await PutLinkAsync(root, directory + "/b", directory + "/a");

        using var response = await root.GetAsync($"/files{directory}/a");

        await Expect.ErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetFile_ChainLongerThan32_Returns400()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("chain");
        await root.PutTextAsync(directory + "/end.txt", "end");
        await PutLinkAsync(root, directory + "/l0", directory + "/end.txt");
        for (var i = 1; i <= 33; i++)
        {
            await PutLinkAsync(root, $"{directory}/l{i}", $"{directory}/l{i - 1}");
        }

        using (var shortChain = await root.GetAsync($"/files{directory}/l5"))
        {
            await Expect.StatusAsync(shortChain, HttpStatusCode.OK);
        }

        using var response = await root.GetAsync($"/files{directory}/l33");
        await Expect.ErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("self")]
    [InlineData("control-in-target")]
    public async Task PutLink_InvalidTarget_Returns400(string kind)
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("badlink") + "/l";
        object body = kind switch
        {
            "missing" => new { },
            "self" => new { target = path },
            _ => new { target = "/a\u0001b" },
        };

        using var response = await root.PutJsonAsync("/links" + path, body);

        await Expect.ErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PutLink_ControlCharacterInPath_Returns400()
    {
        var root = await Node.RootAsync();

        using var response = await root.PutJsonAsync($"/links{TestPaths.Unique("ctl")}/a%01b", new { target = "/x" });

        await Expect.ErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/.aeordb-system/mine", "/x")]
    [InlineData("{dir}/l", "/.aeordb-system/config/jwt_signing_key")]
    public async Task PutLink_HiddenNamespace_Returns404(string path, string target)
    {
        var root = await Node.RootAsync();
        path = path.Replace("{dir}", TestPaths.Unique("hid"), StringComparison.Ordinal);

        using var response = await root.PutJsonAsync("/links" + path, new { target });

        await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteLink_Existing_Returns200AndKeepsTarget()
    {
        var (root, directory) = await LinkToFileAsync();

        using (var response = await root.DeleteAsync($"/links{directory}/l"))
        {
            var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
            Assert.True(body.GetProperty("deleted").GetBoolean());
            Assert.Equal(directory + "/l", body.GetProperty("path").GetString());
            Assert.Equal("symlink", body.GetProperty("entry_type").GetString());
        }

        using (var again = await root.DeleteAsync($"/links{directory}/l"))
        {
            await Expect.ErrorAsync(again, HttpStatusCode.NotFound);
        }

        using var target = await root.GetAsync($"/files{directory}/f.txt");
        await Expect.StatusAsync(target, HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeleteFile_OnLink_DeletesLinkNotTarget()
    {
        var (root, directory) = await LinkToFileAsync();

        using (var response = await root.DeleteAsync($"/files{directory}/l"))
        {
            var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
            Assert.Equal("symlink", body.GetProperty("entry_type").GetString());
        }

        using (var link = await root.GetAsync($"/links{directory}/l"))
        {
            await Expect.ErrorAsync(link, HttpStatusCode.NotFound);
        }

        using var target = await root.GetAsync($"/files{directory}/f.txt");
        await Expect.StatusAsync(target, HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetLink_Missing_Returns404()
    {
        using var response = await (await Node.RootAsync()).GetAsync($"/links{TestPaths.Unique("nolink")}/l");

        await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Links_WithoutToken_Return401(string method)
    {
        var content = method == "PUT" ? ApiClient.Json(new { target = "/x" }) : null;

        using var response = await Node.Anonymous.SendAsync(new HttpMethod(method), $"/links{TestPaths.Unique("anon")}/l", content);

        await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized, message: "Missing or invalid Authorization header");
    }

    private async Task<(ApiClient Root, string Directory)> LinkToFileAsync()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("follow");
        await root.PutTextAsync(directory + "/f.txt", "target bytes");
        await PutLinkAsync(root, directory + "/l", directory + "/f.txt");
        return (root, directory);
    }

    private static async Task PutLinkAsync(ApiClient root, string path, string target)
    {
        using var response = await root.PutJsonAsync("/links" + path, new { target });
        await Expect.StatusAsync(response, HttpStatusCode.Created);
    }
}
