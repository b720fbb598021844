using System.Net;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Auth;

/// <summary>CONTRACT §3.5: root-only <c>/auth/keys/admin</c>.</summary>
public sealed class AdminKeysTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task CreateAdminKey_Default_Returns201ForCallerAndKeyMintsRootTokens()
    {
        var root = await Node.RootAsync();

        using var response = await root.PostJsonAsync("/auth/keys/admin", new { });
        var body = await Expect.JsonAsync(response, HttpStatusCode.Created);

        Assert.Equal(["api_key", "created_at", "key_id", "user_id"], Expect.Keys(body));
        Assert.Equal(AeorDbNode.RootUserId, body.GetProperty("user_id").GetString());
        var keyId = body.GetProperty("key_id").GetString()!;
        Assert.Matches($"^aeor_k_{KeyTestExtensions.KeyPrefix(keyId)}_[0-9a-f]{{64}}$", body.GetProperty("api_key").GetString());
        var token = (await Node.MintTokenAsync(body.GetProperty("api_key").GetString()!)).GetProperty("token").GetString()!;
        Assert.Equal(AeorDbNode.RootUserId, Jwt.Payload(token).GetProperty("sub").GetString());
    }

    [Fact]
    public async Task ListAdminKeys_AfterCreate_ContainsKeyInItems()
    {
        var root = await Node.RootAsync();
        var keyId = await CreateAdminKeyAsync(root);

        using var response = await root.GetAsync("/auth/keys/admin");
        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);

        var entry = body.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("key_id").GetString() == keyId);
        Assert.Equal(["created_at", "expires_at", "is_revoked", "key_id", "label", "rules", "user_id", "username"], Expect.Keys(entry));
        Assert.False(entry.GetProperty("is_revoked").GetBoolean());
        Assert.Empty(entry.GetProperty("rules").EnumerateArray());
    }

    [Fact]
    public async Task PatchAdminKey_Label_Returns200AndListShowsIt()
    {
        var root = await Node.RootAsync();
        var keyId = await CreateAdminKeyAsync(root);

        using (var response = await root.PatchJsonAsync("/auth/keys/admin/" + keyId, new { label = "renamed" }))
        {
            var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
            Assert.True(body.GetProperty("updated").GetBoolean());
            Assert.Equal(keyId, body.GetProperty("key_id").GetString());
            Assert.Equal("renamed", body.GetProperty("label").GetString());
        }

        using var list = await root.GetAsync("/auth/keys/admin");
        var entry = (await Expect.JsonAsync(list, HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(k => k.GetProperty("key_id").GetString() == keyId);
        Assert.Equal("renamed", entry.GetProperty("label").GetString());
    }

    [Fact]
    public async Task PatchAdminKey_Unknown_Returns404()
    {
        using var response = await (await Node.RootAsync()).PatchJsonAsync("/auth/keys/admin/" + Guid.NewGuid(), new { label = "x" });

        await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteAdminKey_Existing_Returns200AndKeyStopsMinting()
    {
        var root = await Node.RootAsync();
        using var created = await root.PostJsonAsync("/auth/keys/admin", new { });
        var body = await Expect.JsonAsync(created, HttpStatusCode.Created);
        var keyId = body.GetProperty("key_id").GetString()!;

        using (var response = await root.DeleteAsync("/auth/keys/admin/" + keyId))
        {
            var revoked = await Expect.JsonAsync(response, HttpStatusCode.OK);
            Assert.True(revoked.GetProperty("revoked").GetBoolean());
            Assert.Equal(keyId, revoked.GetProperty("key_id").GetString());
        }

        using var mint = await Node.Anonymous.PostJsonAsync("/auth/token", new { api_key = body.GetProperty("api_key").GetString() });
        await Expect.ErrorAsync(mint, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("not-a-uuid", HttpStatusCode.BadRequest)]
    [InlineData("0b6f7a2e-7d51-4a4f-9d39-0d5f0b7c1e11", HttpStatusCode.NotFound)]
    public async Task DeleteAdminKey_BadOrUnknownId_ReturnsError(string keyId, HttpStatusCode expected)
    {
        using var response = await (await Node.RootAsync()).DeleteAsync("/auth/keys/admin/" + keyId);

        await Expect.ErrorAsync(response, expected);
    }

    [Fact]
    public async Task AdminKeys_WithoutToken_Returns401()
    {
        using var response = await Node.Anonymous.GetAsync("/auth/keys/admin");

        await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    private static async Task<string> CreateAdminKeyAsync(ApiClient root)
    {
        using var response = await root.PostJsonAsync("/auth/keys/admin", new { });
        return (await Expect.JsonAsync(response, HttpStatusCode.Created)).GetProperty("key_id").GetString()!;
    }
}
