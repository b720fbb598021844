using System.Net;
using System.Text;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Files;

/// <summary>CONTRACT §1.7: the reserved namespaces are invisible to every caller, root too (404, never 403).</summary>
public sealed class HiddenNamespaceTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private AeorDbNode Node => fixture.Node;

    [Theory]
    [InlineData("/files/.aeordb-system/config/jwt_signing_key")]
    [InlineData("/files/.aeordb-system/")]
    [InlineData("/files/.aeordb-system")]
    [InlineData("/files/.aeordb-system/api-keys/")]
    [InlineData("/files/.aeordb-config/cors.json")]
    [InlineData("/files/.aeordb-config/")]
    [InlineData("/files/somewhere%2F..%2F.aeordb-system%2Fconfig%2Fjwt_signing_key")]
    [InlineData("/links/.aeordb-system/config/jwt_signing_key")]
    public async Task Get_HiddenNamespaceAsRoot_Returns404(string route)
    {
        using var response = await (await Node.RootAsync()).GetAsync(route);

        await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Head_SigningKeyAsRoot_ReturnsBare404()
    {
        using var response = await (await Node.RootAsync()).HeadAsync("/files/.aeordb-system/config/jwt_signing_key");

        await Expect.EmptyAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/files/.aeordb-system/config/jwt_signing_key")]
    [InlineData("/files/.aeordb-system/planted.txt")]
    [InlineData("/files/.aeordb-config/cors.json")]
    public async Task PutOrDelete_HiddenNamespaceAsRoot_Returns404(string route)
    {
        var root = await Node.RootAsync();

        using (var put = await root.PutBytesAsync(route, Encoding.UTF8.GetBytes("overwrite attempt"), "text/plain"))
        {
            await Expect.ErrorAsync(put, HttpStatusCode.NotFound);
        }

        using var delete = await root.DeleteAsync(route);
        await Expect.ErrorAsync(delete, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rename_IntoHiddenNamespace_Returns404AndKeepsSource()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("smuggle") + "/f.txt";
        await root.PutTextAsync(path, "stay visible");

        using (var response = await root.PatchJsonAsync("/files" + path, new { to = "/.aeordb-system/smuggled.txt" }))
        {
            await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
        }

        using var check = await root.GetAsync("/files" + path);
        await Expect.StatusAsync(check, HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?depth=-1")]
    [InlineData("?glob=**")]
    public async Task ListRoot_NeverShowsReservedNamespaces(string query)
    {
        var root = await Node.RootAsync();
        await root.PutTextAsync(TestPaths.Unique("visible") + "/f.txt", "so the root is not empty");

        using var response = await root.GetAsync("/files/" + query);

        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
        Assert.NotEmpty(body.GetProperty("items").EnumerateArray());
        Assert.DoesNotContain(".aeordb-system", body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("/.aeordb-config", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PerDirectoryConfig_IsAnOrdinaryVisiblePathForRoot()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("dircfg") + "/.aeordb-config/settings.json";

        await root.PutFileAsync(path, Encoding.UTF8.GetBytes("{}"), "application/json");

        using var response = await root.GetAsync("/files" + path);
        await Expect.StatusAsync(response, HttpStatusCode.OK);
    }
}
