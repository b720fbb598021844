using System.Text;
using AeorDb.Api.Auth;
using AeorDb.Api.Auth.Jwt;
using AeorDb.Api.Auth.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Xunit;

namespace AeorDb.Tests.Api.Auth;

/// <summary>
/// The short path for tokens validated before (<see cref="CachedBearerAuthentication"/>): a cached token skips the
/// JwtBearer handler, yet every rule of SECURITY.md still holds on that path: revoked keys, deactivated and deleted
/// users, expiry (with its 60 s leeway) and a changed signing key all refuse the token within the same times as the
/// full path.
/// </summary>
public sealed class CachedBearerAuthenticationTests
{
    [Fact]
    public async Task SecondRequest_TokenValidatedBefore_TakesShortPathWithSameCaller()
    {
        using var host = new AuthTestHost();
        var rootKey = await host.BootstrapAsync();
        var token = await ExchangeAsync(host, rootKey!);

        var first = await host.SendAsync("Bearer " + token);
        var second = await host.SendAsync("bearer  " + token + " ");

        Assert.False(CachedBearerAuthentication.Handled(first));
        Assert.True(CachedBearerAuthentication.Handled(second));
        Assert.Equal((first.GetCaller().UserId, first.GetCaller().KeyId, first.GetCaller().Scope), (second.GetCaller().UserId, second.GetCaller().KeyId, second.GetCaller().Scope));
        Assert.NotNull(second.GetCaller().KeyId);
        Assert.True(second.GetCaller().IsRoot);
        Assert.Null(CallerExtensions.Check(second));
        Assert.Equal(Guid.Empty.ToString(), second.User.FindFirst("sub")?.Value);
    }

    [Fact]
    public async Task CachedToken_KeyRevoked_IsRefusedOnShortPath()
    {
        using var host = new AuthTestHost();
        var rootKey = await host.BootstrapAsync();
        var token = await ExchangeAsync(host, rootKey!);
        await host.SendAsync("Bearer " + token);
        var keyId = (await host.Get<ApiKeyStore>().ListAsync())[0].KeyId;

        await host.Get<ApiKeyService>().RevokeAsync(new Caller(Guid.Empty, null, null, [], false), keyId.ToString(), default);
        var after = await host.SendAsync("Bearer " + token);

        Assert.True(CachedBearerAuthentication.Handled(after));
        Assert.Null(after.FindCaller());
        Assert.Equal(401, (CallerExtensions.Check(after) as IStatusCodeHttpResult)?.StatusCode);
        Assert.Equal(CallerExtensions.InvalidTokenMessage, ((JsonHttpResult<AeorDb.Api.Errors.ErrorBody>)CallerExtensions.Check(after)!).Value!.Error);
    }

    [Fact]
    public async Task CachedToken_UserDeactivated_IsRefusedWithinActiveCacheLifetime()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var user = Guid.NewGuid();
        await WriteUserAsync(host, user, active: true);
        var token = host.Sign($$"""{"sub":"{{user}}","iss":"aeordb","iat":{{host.NowSeconds}},"exp":{{host.NowSeconds + 600}}}""");
        var before = await host.SendAsync("Bearer " + token);

        await WriteUserAsync(host, user, active: false);
        host.Time.Advance(UserDirectory.ActiveCacheLifetime);
        var after = await host.SendAsync("Bearer " + token);

        Assert.NotNull(before.FindCaller());
        Assert.True(CachedBearerAuthentication.Handled(after));
        Assert.Null(after.FindCaller());
        Assert.Equal(401, (CallerExtensions.Check(after) as IStatusCodeHttpResult)?.StatusCode);
    }

    [Fact]
    public async Task CachedToken_UserRecordDeleted_IsRefused()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var user = Guid.NewGuid();
        await WriteUserAsync(host, user, active: true);
        var token = host.Sign($$"""{"sub":"{{user}}","iss":"aeordb","iat":{{host.NowSeconds}},"exp":{{host.NowSeconds + 600}}}""");
        await host.SendAsync("Bearer " + token);

        await host.Files.DeleteAsync($"/.aeordb-system/users/{user}");
        host.Time.Advance(UserDirectory.ActiveCacheLifetime);
        var after = await host.SendAsync("Bearer " + token);

        Assert.Null(after.FindCaller());
    }

    [Fact]
    public async Task CachedToken_PastExpiry_LeavesShortPathAndIsRefusedBeyondLeeway()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var token = host.Get<TokenIssuer>().Issue(Guid.Empty, null, null, TimeSpan.FromMinutes(1)).Token;
        await host.SendAsync("Bearer " + token);

        host.Time.Advance(TimeSpan.FromSeconds(60 + 50));
        var inLeeway = await host.SendAsync("Bearer " + token);
        host.Time.Advance(TimeSpan.FromSeconds(11));
        var expired = await host.SendAsync("Bearer " + token);

        Assert.False(CachedBearerAuthentication.Handled(inLeeway));
        Assert.NotNull(inLeeway.FindCaller());
        Assert.False(CachedBearerAuthentication.Handled(expired));
        Assert.Null(expired.FindCaller());
        Assert.Equal(401, (CallerExtensions.Check(expired) as IStatusCodeHttpResult)?.StatusCode);
    }

    [Fact]
    public async Task CachedToken_SigningKeyAdopted_IsRefused()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var token = host.Get<TokenIssuer>().Issue(Guid.Empty, null, null, TimeSpan.FromMinutes(5)).Token;
        await host.SendAsync("Bearer " + token);

        await host.Get<SigningKeyStore>().AdoptAsync(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var after = await host.SendAsync("Bearer " + token);

        Assert.False(CachedBearerAuthentication.Handled(after));
        Assert.Null(after.FindCaller());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    [InlineData("Bearer not-a-token")]
    public async Task NoOrUnknownBearer_GoesThroughJwtBearer(string? authorization)
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();

        var context = await host.SendAsync(authorization);
        var again = await host.SendAsync(authorization);

        Assert.False(CachedBearerAuthentication.Handled(context));
        Assert.False(CachedBearerAuthentication.Handled(again));
        Assert.Null(again.FindCaller());
    }

    [Fact]
    public async Task TamperedCopyOfCachedToken_IsRefused()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var token = host.Get<TokenIssuer>().Issue(Guid.Empty, null, null, TimeSpan.FromMinutes(5)).Token;
        await host.SendAsync("Bearer " + token);
        var parts = token.Split('.');
        var forged = host.Sign($$"""{"sub":"{{Guid.NewGuid()}}","iss":"aeordb","iat":{{host.NowSeconds}},"exp":{{host.NowSeconds + 600}}}""").Split('.')[1];

        var context = await host.SendAsync($"Bearer {parts[0]}.{forged}.{parts[2]}");

        Assert.False(CachedBearerAuthentication.Handled(context));
        Assert.Null(context.FindCaller());
        Assert.True(context.Items.ContainsKey(JwtBearerSetup.TokenRejectedKey));
    }

    [Fact]
    public void Pipeline_MarksAuthenticationSet_SoWebApplicationAddsNoSecondMiddleware()
    {
        using var host = new AuthTestHost();
        var app = new Microsoft.AspNetCore.Builder.ApplicationBuilder(host.Services);

        app.UseAeorDbAuth();

        Assert.Equal(true, app.Properties[AuthApplicationExtensions.AuthenticationMiddlewareSetKey]);
    }

    private static async Task<string> ExchangeAsync(AuthTestHost host, string apiKey)
    {
        var result = await host.Get<AuthTokenService>().ExchangeKeyAsync(new TokenRequest(apiKey, null), default);
        return Assert.IsType<Ok<TokenResponse>>(result.Result).Value!.Token;
    }

    private static Task WriteUserAsync(AuthTestHost host, Guid user, bool active) =>
        host.Files.WriteBytesAsync(
            $"/.aeordb-system/users/{user}",
            Encoding.UTF8.GetBytes($$"""{"user_id":"{{user}}","username":"ann","email":null,"is_active":{{(active ? "true" : "false")}},"tags":[],"created_at":1,"updated_at":1}"""),
            "application/json");
}
