using AeorDb.Api.Auth;
using AeorDb.Api.Auth.Jwt;
using Xunit;

namespace AeorDb.Tests.Api.Auth;

public sealed class JwtValidationTests
{
    [Fact]
    public async Task Token_MintedByIssuer_ValidatesThroughJwtBearerAndYieldsCaller()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var userId = Guid.NewGuid();
        var token = host.Get<TokenIssuer>().Issue(userId, keyId: null, scope: "sync", TimeSpan.FromMinutes(5), AuthTestHost.NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var (result, context) = await host.AuthenticateAsync(token.Token);

        Assert.True(result.Succeeded, result.Failure?.Message);
        var caller = context.GetCaller();
        Assert.Equal(userId, caller.UserId);
        Assert.Equal("sync", caller.Scope);
        Assert.Null(caller.KeyId);
        Assert.Equal(300, token.ExpiresIn);
    }

    [Fact]
    public async Task Token_Header_IsEdDsaJwt()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var token = host.Get<TokenIssuer>().Issue(Guid.Empty, null, null, TimeSpan.FromMinutes(1)).Token;

        var header = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[0]));
        Assert.Equal("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}", header);
        var payload = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]));
        Assert.DoesNotContain("key_id", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("scope", payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_TamperedSignature_IsRejected()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var token = host.Get<TokenIssuer>().Issue(Guid.Empty, null, null, TimeSpan.FromMinutes(5)).Token;
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        var (result, context) = await host.AuthenticateAsync(tampered);

        Assert.False(result.Succeeded);
        Assert.Null(context.FindCaller());
        Assert.True(context.Items.ContainsKey(JwtBearerSetup.TokenRejectedKey));
    }

    [Fact]
    public async Task Token_SignedByAnotherKey_IsRejected()
    {
        using var other = new AuthTestHost();
        await other.BootstrapAsync();
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var foreign = other.Get<TokenIssuer>().Issue(Guid.Empty, null, null, TimeSpan.FromMinutes(5)).Token;

        var (result, _) = await host.AuthenticateAsync(foreign);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Token_WrongIssuer_IsRejected()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var token = host.Sign($"{{\"sub\":\"{Guid.Empty}\",\"iss\":\"other\",\"iat\":{host.NowSeconds},\"exp\":{host.NowSeconds + 300}}}");

        var (result, _) = await host.AuthenticateAsync(token);

        Assert.False(result.Succeeded);
    }

    [Theory]
    [InlineData("sub")]
    [InlineData("iat")]
    [InlineData("exp")]
    [InlineData("iss")]
    public async Task Token_MissingRequiredClaim_IsRejected(string claim)
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var claims = new Dictionary<string, object>
        {
            ["sub"] = Guid.Empty.ToString(),
            ["iss"] = "aeordb",
            ["iat"] = host.NowSeconds,
            ["exp"] = host.NowSeconds + 300,
        };
        claims.Remove(claim);

        var (result, _) = await host.AuthenticateAsync(host.Sign(System.Text.Json.JsonSerializer.Serialize(claims)));

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Token_AlgNone_IsRejected()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var signed = host.Sign($"{{\"sub\":\"{Guid.Empty}\",\"iss\":\"aeordb\",\"iat\":{host.NowSeconds},\"exp\":{host.NowSeconds + 300}}}", "{\"alg\":\"none\",\"typ\":\"JWT\"}");

        var (result, _) = await host.AuthenticateAsync(signed);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Token_ExpiredWithinLeeway_IsAcceptedAndBeyondLeewayRejected()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var token = host.Get<TokenIssuer>().Issue(Guid.Empty, null, null, TimeSpan.FromMinutes(1)).Token;

        host.Time.Advance(TimeSpan.FromSeconds(60 + 50));
        Assert.True((await host.AuthenticateAsync(token)).Result.Succeeded);

        host.Time.Advance(TimeSpan.FromSeconds(11));
        Assert.False((await host.AuthenticateAsync(token)).Result.Succeeded);
    }

    [Fact]
    public async Task Token_AfterKeyAdoption_OldTokensAreRejected()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var token = host.Get<TokenIssuer>().Issue(Guid.Empty, null, null, TimeSpan.FromMinutes(5)).Token;
        Assert.True((await host.AuthenticateAsync(token)).Result.Succeeded);

        await host.Get<SigningKeyStore>().AdoptAsync(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        Assert.False((await host.AuthenticateAsync(token)).Result.Succeeded);
    }

    [Fact]
    public async Task QueryToken_OnOrdinaryRoute_IsAcceptedButNotOnSyncDiff()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var token = host.Get<TokenIssuer>().Issue(Guid.Empty, null, null, TimeSpan.FromMinutes(5)).Token;

        var (onFiles, _) = await host.AuthenticateAsync(null, "/files/a", queryToken: token);
        var (onDiff, diffContext) = await host.AuthenticateAsync(null, "/sync/diff", queryToken: token);

        Assert.True(onFiles.Succeeded);
        Assert.False(onDiff.Succeeded);
        Assert.Null(diffContext.FindCaller());
    }

    [Fact]
    public async Task SyncScope_OutsideSync_IsForbiddenAndMissingToken_IsUnauthorized()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var token = host.Get<TokenIssuer>().Issue(Guid.Empty, null, "sync", TimeSpan.FromMinutes(5), AuthTestHost.NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Token;

        var (_, onFiles) = await host.AuthenticateAsync(token, "/files/a");
        var (_, onSync) = await host.AuthenticateAsync(token, "/sync/diff");
        var (_, anonymous) = await host.AuthenticateAsync(null, "/files/a");

        Assert.Equal(403, StatusOf(CallerExtensions.Check(onFiles)));
        Assert.Null(CallerExtensions.Check(onSync));
        Assert.Equal(401, StatusOf(CallerExtensions.Check(anonymous)));
    }

    private static int? StatusOf(Microsoft.AspNetCore.Http.IResult? result) =>
        (result as Microsoft.AspNetCore.Http.IStatusCodeHttpResult)?.StatusCode;
}
