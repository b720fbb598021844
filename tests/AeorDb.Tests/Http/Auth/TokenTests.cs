using System.Net;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Auth;

/// <summary>CONTRACT §3.1–§3.3: <c>POST /auth/token</c>, <c>POST /auth/refresh</c> and the JWTs they mint.</summary>
public sealed class TokenTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private const long SevenDays = 604_800;

    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task Token_RootKey_ReturnsSevenDayEdDsaJwtCarryingKeyId()
    {
        var body = await Node.MintTokenAsync(Node.RootKey!);

        Assert.Equal(["expires_in", "token"], Expect.Keys(body));
        Assert.Equal(SevenDays, body.GetProperty("expires_in").GetInt64());
        var token = body.GetProperty("token").GetString()!;
        var header = Jwt.Header(token);
        Assert.Equal("EdDSA", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        var claims = Jwt.Payload(token);
        Assert.Equal(AeorDbNode.RootUserId, claims.GetProperty("sub").GetString());
        Assert.Equal("aeordb", claims.GetProperty("iss").GetString());
        var iat = claims.GetProperty("iat").GetInt64();
        Assert.InRange(iat, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 300, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 300);
        Assert.Equal(iat + SevenDays, claims.GetProperty("exp").GetInt64());
        Assert.False(claims.TryGetProperty("scope", out _), "a key's JWT has no scope");
        var keyId = claims.GetProperty("key_id").GetString()!;
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", keyId);
        Assert.StartsWith("aeor_k_" + KeyTestExtensions.KeyPrefix(keyId) + "_", Node.RootKey!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_IncludeRefresh_ReturnsRefreshToken()
    {
        var key = await (await Node.RootAsync()).CreatePlainKeyAsync();

        var body = await Node.MintTokenAsync(key, includeRefresh: true);

        Assert.Matches("^aeor_r_[0-9a-f]{64}$", body.GetProperty("refresh_token").GetString());
    }

    [Fact]
    public async Task Refresh_ValidToken_RotatesAndKeepsKeyId()
    {
        var key = await (await Node.RootAsync()).CreatePlainKeyAsync();
        var first = await Node.MintTokenAsync(key, includeRefresh: true);
        var firstRefresh = first.GetProperty("refresh_token").GetString()!;
        var keyId = Jwt.Payload(first.GetProperty("token").GetString()!).GetProperty("key_id").GetString();

        using var refreshed = await Node.Anonymous.PostJsonAsync("/auth/refresh", new { refresh_token = firstRefresh });
        var second = await Expect.JsonAsync(refreshed, HttpStatusCode.OK);

        Assert.Equal(SevenDays, second.GetProperty("expires_in").GetInt64());
        var secondRefresh = second.GetProperty("refresh_token").GetString()!;
        Assert.Matches("^aeor_r_[0-9a-f]{64}$", secondRefresh);
        Assert.NotEqual(firstRefresh, secondRefresh);
        var token = second.GetProperty("token").GetString()!;
        Assert.Equal(keyId, Jwt.Payload(token).GetProperty("key_id").GetString());
        using (var response = await Node.WithToken(token).GetAsync("/files/"))
        {
            await Expect.StatusAsync(response, HttpStatusCode.OK);
        }

        // Rotation: the old refresh token is spent.
        using var reused = await Node.Anonymous.PostJsonAsync("/auth/refresh", new { refresh_token = firstRefresh });
        await Expect.ErrorAsync(reused, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_AfterIssuingKeyRevoked_Returns401()
    {
        var root = await Node.RootAsync();
        var created = await root.CreateKeyAsync(new { label = "revoked before refresh" });
        var refresh = (await Node.MintTokenAsync(created.GetProperty("key").GetString()!, includeRefresh: true)).GetProperty("refresh_token").GetString();
        using (var revoke = await root.DeleteAsync("/auth/keys/" + created.GetProperty("key_id").GetString()))
        {
            await Expect.StatusAsync(revoke, HttpStatusCode.OK);
        }

        using var response = await Node.Anonymous.PostJsonAsync("/auth/refresh", new { refresh_token = refresh });

        await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_KeyExpiringInOneDay_LifetimeCappedAtKeysRemainingLife()
    {
        var root = await Node.RootAsync();
        var created = await root.CreateKeyAsync(new { label = "short-lived", expires_in_days = 1 });

        var body = await Node.MintTokenAsync(created.GetProperty("key").GetString()!);

        var expiresIn = body.GetProperty("expires_in").GetInt64();
        Assert.InRange(expiresIn, 86_400 - 600, 86_400);
        var claims = Jwt.Payload(body.GetProperty("token").GetString()!);
        Assert.Equal(expiresIn, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task Refresh_UnknownToken_Returns401()
    {
        using var response = await Node.Anonymous.PostJsonAsync("/auth/refresh", new { refresh_token = "aeor_r_" + new string('0', 64) });

        await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_UnknownMalformedOrWrongSecretKey_Returns401WithOneMessage()
    {
        var issued = await (await Node.RootAsync()).CreatePlainKeyAsync();
        var wrongSecret = issued[..^64] + new string('a', 64);

        var messages = new List<string?>();
        foreach (var key in new[] { KeyTestExtensions.UnknownKey(), "not-a-key", wrongSecret })
        {
            using var response = await Node.Anonymous.PostJsonAsync("/auth/token", new { api_key = key });
            messages.Add((await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized)).GetProperty("error").GetString());
        }

        Assert.Single(messages.Distinct());
    }

    [Fact]
    public async Task Token_MoreThanThirtyAttemptsPerMinute_Returns429()
    {
        var key = await (await Node.RootAsync()).CreatePlainKeyAsync("rate limited");

        // All 31 attempts are sent at once, so they fall inside one minute however slow argon2 runs here.
        var responses = await Task.WhenAll(Enumerable.Range(0, 31).Select(_ => Node.Anonymous.PostJsonAsync("/auth/token", new { api_key = key })));
        try
        {
            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.Equal(30, statuses.Count(s => s == HttpStatusCode.OK));
            var limited = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.TooManyRequests);
            await Expect.ErrorAsync(limited, HttpStatusCode.TooManyRequests);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Request_WithoutAuthorization_Returns401MissingHeader()
    {
        using var response = await Node.Anonymous.GetAsync("/files/");

        await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized, message: "Missing or invalid Authorization header");
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.e30.AAAA")]
    public async Task Request_WithGarbageToken_Returns401InvalidOrExpired(string token)
    {
        using var response = await Node.WithToken(token).GetAsync("/files/");

        await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized, message: "Invalid or expired token");
    }

    [Fact]
    public async Task Request_WithTamperedClaims_Returns401InvalidOrExpired()
    {
        var key = await (await Node.RootAsync()).CreatePlainKeyAsync();
        var token = (await Node.MintTokenAsync(key)).GetProperty("token").GetString()!;
        var parts = token.Split('.');
        // A client cannot promote itself: the claims now name another user, the signature is unchanged.
        var claims = System.Text.Json.Nodes.JsonNode.Parse(Jwt.DecodeSegment(parts[1]))!.AsObject();
        claims["sub"] = Guid.NewGuid().ToString();
        var forged = System.Text.Encoding.UTF8.GetBytes(claims.ToJsonString());
        var tampered = $"{parts[0]}.{Jwt.EncodeSegment(forged)}.{parts[2]}";

        using var response = await Node.WithToken(tampered).GetAsync("/files/");

        await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized, message: "Invalid or expired token");
    }

    [Fact]
    public async Task Request_WithTokenQueryParameter_IsAcceptedWithNoStoreHeaders()
    {
        var token = await Node.RootTokenAsync();

        using var response = await Node.Anonymous.GetAsync("/files/?token=" + Uri.EscapeDataString(token));

        await Expect.JsonAsync(response, HttpStatusCode.OK);
        Assert.Contains("no-store", Expect.Header(response, "Cache-Control") ?? "", StringComparison.Ordinal);
        Assert.Equal("no-referrer", Expect.Header(response, "Referrer-Policy"));
    }
}
