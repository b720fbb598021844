using System.Text;
using AeorDb.Api.Auth;
using AeorDb.Api.Auth.Keys;
using Microsoft.AspNetCore.Http.HttpResults;
using Xunit;

namespace AeorDb.Tests.Api.Auth;

/// <summary>
/// Issue 13 item 10: a user deactivated after its JWT was minted is refused on the next request with that JWT, and
/// its refresh token and API key stop working; the check's cache is short and never outlives its lifetime.
/// </summary>
public sealed class UserDeactivationTests
{
    [Fact]
    public async Task ExistingJwt_UserDeactivated_IsRefusedWithin_ActiveCacheLifetime()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var user = Guid.NewGuid();
        await WriteUserAsync(host, user, active: true);
        var (_, key) = await host.Get<ApiKeyService>().CreateAsync(user, null, null, []);
        var tokens = host.Get<AuthTokenService>();
        var exchanged = Assert.IsType<Ok<TokenResponse>>((await tokens.ExchangeKeyAsync(new TokenRequest(key, true), default)).Result).Value!;
        var (before, _) = await host.AuthenticateAsync(exchanged.Token);

        await WriteUserAsync(host, user, active: false);
        host.Time.Advance(UserDirectory.ActiveCacheLifetime);
        var (after, context) = await host.AuthenticateAsync(exchanged.Token);
        var refresh = await tokens.RefreshAsync(new RefreshRequest(exchanged.RefreshToken), default);
        var exchange = await tokens.ExchangeKeyAsync(new TokenRequest(key, null), default);

        Assert.True(before.Succeeded);
        Assert.False(after.Succeeded);
        Assert.Equal(401, (CallerExtensions.Check(context) as Microsoft.AspNetCore.Http.IStatusCodeHttpResult)?.StatusCode);
        Assert.Equal(401, Assert.IsType<JsonHttpResult<AeorDb.Api.Errors.ErrorBody>>(refresh.Result).StatusCode);
        Assert.Equal(401, Assert.IsType<JsonHttpResult<AeorDb.Api.Errors.ErrorBody>>(exchange.Result).StatusCode);
    }

    [Fact]
    public async Task TokenWithoutKeyId_UserDeactivated_IsRefused()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var user = Guid.NewGuid();
        await WriteUserAsync(host, user, active: false);
        var token = host.Sign($$"""{"sub":"{{user}}","iss":"aeordb","iat":{{host.NowSeconds}},"exp":{{host.NowSeconds + 600}}}""");

        var (result, _) = await host.AuthenticateAsync(token);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task UserReactivated_IsAcceptedAgain_AndUsersWithoutRecordStayActive()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var user = Guid.NewGuid();
        await WriteUserAsync(host, user, active: false);
        var token = host.Sign($$"""{"sub":"{{user}}","iss":"aeordb","iat":{{host.NowSeconds}},"exp":{{host.NowSeconds + 600}}}""");
        var stranger = host.Sign($$"""{"sub":"{{Guid.NewGuid()}}","iss":"aeordb","iat":{{host.NowSeconds}},"exp":{{host.NowSeconds + 600}}}""");
        var (refused, _) = await host.AuthenticateAsync(token);

        await WriteUserAsync(host, user, active: true);
        host.Time.Advance(UserDirectory.ActiveCacheLifetime);
        var (accepted, _) = await host.AuthenticateAsync(token);
        var (noRecord, _) = await host.AuthenticateAsync(stranger);

        Assert.False(refused.Succeeded);
        Assert.True(accepted.Succeeded);
        Assert.True(noRecord.Succeeded);
    }

    [Fact]
    public async Task ExistingJwt_UserRecordDeleted_IsRefused()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var user = Guid.NewGuid();
        await WriteUserAsync(host, user, active: true);
        var token = host.Sign($$"""{"sub":"{{user}}","iss":"aeordb","iat":{{host.NowSeconds}},"exp":{{host.NowSeconds + 600}}}""");
        var (before, _) = await host.AuthenticateAsync(token);

        await host.Files.DeleteAsync($"/.aeordb-system/users/{user}");
        host.Time.Advance(UserDirectory.ActiveCacheLifetime);
        var (after, _) = await host.AuthenticateAsync(token);

        Assert.True(before.Succeeded);
        Assert.False(after.Succeeded);
    }

    private static Task WriteUserAsync(AuthTestHost host, Guid user, bool active) =>
        host.Files.WriteBytesAsync(
            $"/.aeordb-system/users/{user}",
            Encoding.UTF8.GetBytes($$"""{"user_id":"{{user}}","username":"ann","email":null,"is_active":{{(active ? "true" : "false")}},"tags":[],"created_at":1,"updated_at":1}"""),
            "application/json");
}
