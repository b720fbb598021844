using System.Net;
using System.Text;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Auth;

/// <summary>
/// The product page's scoped key, "Designer MacBook - assets only" (CONTRACT §3.6): its own node, so the
/// root listing holds exactly <c>/assets</c> and <c>/other.txt</c>.
/// </summary>
public sealed class ScopedKeyTests(NodeFixture fixture) : IClassFixture<NodeFixture>, IAsyncLifetime
{
    private static readonly byte[] Logo = Encoding.UTF8.GetBytes("pretend this is a logo");
    private static readonly byte[] Other = Encoding.UTF8.GetBytes("not for designers");

    private ApiClient _root = null!;
    private ApiClient _designer = null!;

    private AeorDbNode Node => fixture.Node;

    public async Task InitializeAsync()
    {
        _root = await Node.RootAsync();
        await _root.PutFileAsync("/assets/logo.png", Logo, "image/png");
        await _root.PutFileAsync("/assets/fonts/body.woff", [1, 2, 3], "font/woff");
        await _root.PutFileAsync("/other.txt", Other, "text/plain");
        var key = await _root.CreateKeyAsync(DesignerKeyRequest);
        var token = (await Node.MintTokenAsync(key.GetProperty("key").GetString()!)).GetProperty("token").GetString()!;
        _designer = Node.WithToken(token);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static object DesignerKeyRequest => new
    {
        label = "Designer MacBook - assets only",
        rules = new[]
        {
            new Dictionary<string, string> { ["/assets/**"] = "-r--l---" },
            new Dictionary<string, string> { ["**"] = "--------" },
        },
    };

    [Fact]
    public async Task CreateKey_ProductPageRules_EchoesRulesAsGlobAndPermitted()
    {
        var body = await _root.CreateKeyAsync(DesignerKeyRequest);

        Assert.Equal("Designer MacBook - assets only", body.GetProperty("label").GetString());
        var rules = body.GetProperty("rules").EnumerateArray().Select(r => (r.GetProperty("glob").GetString(), r.GetProperty("permitted").GetString())).ToList();
        Assert.Equal([("/assets/**", "-r--l---"), ("**", "--------")], rules);
    }

    [Fact]
    public async Task ScopedKey_ReadUnderAssets_Returns200()
    {
        using var response = await _designer.GetAsync("/files/assets/logo.png");

        Assert.Equal(Logo, await Expect.BytesAsync(response, HttpStatusCode.OK));
    }

    [Fact]
    public async Task ScopedKey_ReadOutsideAssets_Returns404LikeAMissingPath()
    {
        using var denied = await _designer.GetAsync("/files/other.txt");
        using var missing = await _designer.GetAsync("/files/absent.txt");

        var deniedBody = await Expect.ErrorAsync(denied, HttpStatusCode.NotFound);
        var missingBody = await Expect.ErrorAsync(missing, HttpStatusCode.NotFound);
        // Indistinguishable from a path that does not exist, so paths cannot be probed.
        Assert.Equal(
            missingBody.GetProperty("error").GetString()!.Replace("absent.txt", "other.txt", StringComparison.Ordinal),
            deniedBody.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ScopedKey_HeadOutsideAssets_Returns404()
    {
        using var response = await _designer.HeadAsync("/files/other.txt");

        await Expect.EmptyAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ScopedKey_ListRoot_ShowsOnlyAssetsAsNavigable()
    {
        using var response = await _designer.GetAsync("/files/");

        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal("/assets", item.GetProperty("path").GetString());
        Assert.Equal("assets", item.GetProperty("name").GetString());
        Assert.Equal(3, item.GetProperty("entry_type").GetInt32());
        Assert.Equal("-r--l---", item.GetProperty("effective_permissions").GetString());
        Assert.Equal(1, body.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ScopedKey_ListAssets_ShowsChildrenWithRuleFlags()
    {
        using var response = await _designer.GetAsync("/files/assets/");

        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["fonts", "logo.png"], items.Select(i => i.GetProperty("name").GetString()));
        Assert.All(items, i => Assert.Equal("-r--l---", i.GetProperty("effective_permissions").GetString()));
    }

    [Fact]
    public async Task ScopedKey_PutUnderAssets_Returns404AndWritesNothing()
    {
        using (var response = await _designer.PutBytesAsync("/files/assets/new.txt", Encoding.UTF8.GetBytes("x"), "text/plain"))
        {
            await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
        }

        using var check = await _root.GetAsync("/files/assets/new.txt");
        await Expect.ErrorAsync(check, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ScopedKey_OverwriteOrDeleteUnderAssets_Returns404AndKeepsFile()
    {
        using (var put = await _designer.PutBytesAsync("/files/assets/logo.png", [9, 9], "image/png"))
        {
            await Expect.ErrorAsync(put, HttpStatusCode.NotFound);
        }

        using (var delete = await _designer.DeleteAsync("/files/assets/logo.png"))
        {
            await Expect.ErrorAsync(delete, HttpStatusCode.NotFound);
        }

        using var check = await _root.GetAsync("/files/assets/logo.png");
        Assert.Equal(Logo, await Expect.BytesAsync(check, HttpStatusCode.OK));
    }

    [Fact]
    public async Task ScopedKey_BlobOfReadableFile_Returns200AndOfHiddenFile_Returns404()
    {
        using var listing = await _root.GetAsync("/files/");
        var items = (await Expect.JsonAsync(listing, HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        var otherHash = items.Single(i => i.GetProperty("path").GetString() == "/other.txt").GetProperty("hash").GetString();
        using var assets = await _root.GetAsync("/files/assets/");
        var logoHash = (await Expect.JsonAsync(assets, HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("name").GetString() == "logo.png").GetProperty("hash").GetString();

        using (var readable = await _designer.GetAsync("/blobs/" + logoHash))
        {
            Assert.Equal(Logo, await Expect.BytesAsync(readable, HttpStatusCode.OK));
        }

        using var hidden = await _designer.GetAsync("/blobs/" + otherHash);
        await Expect.ErrorAsync(hidden, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ScopedKey_Jwt_CarriesKeyIdOfTheScopedKey()
    {
        var key = await _root.CreateKeyAsync(DesignerKeyRequest);

        var token = (await Node.MintTokenAsync(key.GetProperty("key").GetString()!)).GetProperty("token").GetString()!;

        Assert.Equal(key.GetProperty("key_id").GetString(), Jwt.Payload(token).GetProperty("key_id").GetString());
    }
}
