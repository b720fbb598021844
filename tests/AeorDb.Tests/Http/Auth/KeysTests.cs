using System.Net;
using System.Text.Json;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Auth;

/// <summary>CONTRACT §3.4 and §3.6: self-service <c>/auth/keys</c>.</summary>
public sealed class KeysTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private const long DayMs = 86_400_000;

    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task CreateKey_WithRules_Returns201WithContractShape()
    {
        var root = await Node.RootAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var body = await root.CreateKeyAsync(new { label = "shape", rules = new[] { new Dictionary<string, string> { ["/docs/**"] = "-r--l---" } } });

        Assert.Equal(["expires_at", "key", "key_id", "label", "rules", "user_id"], Expect.Keys(body));
        var keyId = body.GetProperty("key_id").GetString()!;
        Assert.Matches($"^aeor_k_{KeyTestExtensions.KeyPrefix(keyId)}_[0-9a-f]{{64}}$", body.GetProperty("key").GetString());
        Assert.Equal(88, body.GetProperty("key").GetString()!.Length);
        Assert.Equal("shape", body.GetProperty("label").GetString());
        Assert.Equal(AeorDbNode.RootUserId, body.GetProperty("user_id").GetString());
        var rule = Assert.Single(body.GetProperty("rules").EnumerateArray());
        Assert.Equal("/docs/**", rule.GetProperty("glob").GetString());
        Assert.Equal("-r--l---", rule.GetProperty("permitted").GetString());
        // Default lifetime: 730 days, in Unix milliseconds.
        Assert.InRange(body.GetProperty("expires_at").GetInt64(), before + (729 * DayMs), before + (731 * DayMs));
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(0, 1)]
    [InlineData(100_000, 3650)]
    public async Task CreateKey_ExpiresInDays_IsClampedToOneTo3650(int requested, int expectedDays)
    {
        var root = await Node.RootAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var body = await root.CreateKeyAsync(new { label = "expiry", expires_in_days = requested });

        var expected = before + (expectedDays * DayMs);
        Assert.InRange(body.GetProperty("expires_at").GetInt64(), expected - (DayMs / 2), expected + (DayMs / 2));
    }

    [Theory]
    [InlineData("""[{"/a/**":"rw"}]""")]
    [InlineData("""[{"/a/**":"r-------"}]""")]
    [InlineData("""[{"/a/**":"-R--l---"}]""")]
    [InlineData("""[{"":"-r--l---"}]""")]
    [InlineData("""[{"/a/**":"-r--l---","/b/**":"-r--l---"}]""")]
    public async Task CreateKey_BadRules_Returns400(string rules)
    {
        var root = await Node.RootAsync();

        using var response = await root.PostJsonAsync("/auth/keys", $$"""{"label":"bad","rules":{{rules}}}""");

        await Expect.ErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreateKey_GlobLongerThan1024Bytes_Returns400()
    {
        var root = await Node.RootAsync();
        var glob = "/" + new string('a', 1024);

        using var response = await root.PostJsonAsync("/auth/keys", new { rules = new[] { new Dictionary<string, string> { [glob] = "-r--l---" } } });

        await Expect.ErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListKeys_AfterCreate_ReturnsBareArrayWithTheKey()
    {
        var root = await Node.RootAsync();
        var created = await root.CreateKeyAsync(new { label = "listed" });
        var keyId = created.GetProperty("key_id").GetString();

        using var response = await root.GetAsync("/auth/keys");
        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        var entry = body.EnumerateArray().Single(k => k.GetProperty("key_id").GetString() == keyId);
        Assert.Equal(["created_at", "expires_at", "is_revoked", "key_id", "label", "rules", "user_id", "username"], Expect.Keys(entry));
        Assert.Equal(AeorDbNode.RootUserId, entry.GetProperty("user_id").GetString());
        Assert.False(entry.GetProperty("is_revoked").GetBoolean());
        Assert.Equal("listed", entry.GetProperty("label").GetString());
        Assert.Equal(created.GetProperty("expires_at").GetInt64(), entry.GetProperty("expires_at").GetInt64());
        Assert.True(DateTimeOffset.TryParse(entry.GetProperty("created_at").GetString(), out _), "created_at is RFC 3339");
        Assert.Equal(JsonValueKind.Array, entry.GetProperty("rules").ValueKind);
        // The secret is shown once, at creation, never listed.
        Assert.DoesNotContain(created.GetProperty("key").GetString()!, body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeKey_Own_Returns200AndKeyAndItsJwtsStopWorking()
    {
        var root = await Node.RootAsync();
        var created = await root.CreateKeyAsync(new { label = "to revoke" });
        var keyId = created.GetProperty("key_id").GetString()!;
        var key = created.GetProperty("key").GetString()!;
        var token = (await Node.MintTokenAsync(key)).GetProperty("token").GetString()!;

        using (var response = await root.DeleteAsync("/auth/keys/" + keyId))
        {
            var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
            Assert.True(body.GetProperty("revoked").GetBoolean());
            Assert.Equal(keyId, body.GetProperty("key_id").GetString());
        }

        using (var response = await Node.Anonymous.PostJsonAsync("/auth/token", new { api_key = key }))
        {
            await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized);
        }

        using (var response = await Node.WithToken(token).GetAsync("/files/"))
        {
            await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized);
        }

        using var list = await root.GetAsync("/auth/keys");
        var entry = (await Expect.JsonAsync(list, HttpStatusCode.OK)).EnumerateArray().Single(k => k.GetProperty("key_id").GetString() == keyId);
        Assert.True(entry.GetProperty("is_revoked").GetBoolean());
    }

    [Fact]
    public async Task RevokeKey_NotAUuid_Returns400()
    {
        using var response = await (await Node.RootAsync()).DeleteAsync("/auth/keys/not-a-uuid");

        await Expect.ErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RevokeKey_Unknown_Returns404()
    {
        using var response = await (await Node.RootAsync()).DeleteAsync("/auth/keys/" + Guid.NewGuid());

        await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListUsers_Root_SeesRootUser()
    {
        using var response = await (await Node.RootAsync()).GetAsync("/auth/keys/users");

        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        var rootUser = Assert.Single(items, u => u.GetProperty("user_id").GetString() == AeorDbNode.RootUserId);
        Assert.Equal(JsonValueKind.String, rootUser.GetProperty("username").ValueKind);
    }

    [Fact]
    public async Task Keys_WithoutToken_Returns401()
    {
        using var response = await Node.Anonymous.GetAsync("/auth/keys");

        await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized);
    }
}
