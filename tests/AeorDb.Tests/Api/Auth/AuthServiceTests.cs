using AeorDb.Api;
using AeorDb.Api.Auth;
using AeorDb.Api.Auth.Jwt;
using AeorDb.Api.Auth.Keys;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Xunit;

namespace AeorDb.Tests.Api.Auth;

public sealed class AuthServiceTests
{
    [Fact]
    public async Task Bootstrap_FirstStart_CreatesSeedAndRootKey_SecondStartCreatesNothing()
    {
        using var host = new AuthTestHost();

        var first = await host.BootstrapAsync();
        var seed = await host.Files.ReadBytesAsync(SigningKeyStore.KeyPath);
        var second = await host.BootstrapAsync();

        Assert.NotNull(first);
        Assert.True(ApiKeyFormat.TryParseKey(first, out _));
        Assert.Equal(32, seed!.Length);
        Assert.Null(second);
        Assert.Equal(seed, await host.Files.ReadBytesAsync(SigningKeyStore.KeyPath));
        var keys = await host.Get<ApiKeyStore>().ListAsync();
        Assert.Equal(Guid.Empty, Assert.Single(keys).UserId);
    }

    [Fact]
    public async Task Bootstrap_AuthDisabled_CreatesNoRootKey()
    {
        using var host = new AuthTestHost(AuthMode.Disabled);

        Assert.Null(await host.BootstrapAsync());
        Assert.NotNull(await host.Files.ReadBytesAsync(SigningKeyStore.KeyPath));
    }

    [Fact]
    public async Task Exchange_RootKey_GivesTokenCarryingKeyId_WithRefresh()
    {
        using var host = new AuthTestHost();
        var rootKey = await host.BootstrapAsync();

        var response = Ok(await host.Get<AuthTokenService>().ExchangeKeyAsync(new TokenRequest(rootKey, true), default));
        var (result, context) = await host.AuthenticateAsync(response.Token);

        Assert.Equal(604_800, response.ExpiresIn);
        Assert.True(ApiKeyFormat.IsRefreshToken(response.RefreshToken));
        Assert.True(result.Succeeded);
        Assert.True(context.GetCaller().IsRoot);
        Assert.NotNull(context.GetCaller().KeyId);
    }

    [Fact]
    public async Task Exchange_WrongOrUnknownKey_IsOne401()
    {
        using var host = new AuthTestHost();
        var rootKey = await host.BootstrapAsync();
        var service = host.Get<AuthTokenService>();

        var wrong = await service.ExchangeKeyAsync(new TokenRequest(rootKey![..^1] + (rootKey[^1] == '0' ? '1' : '0'), null), default);
        var unknown = await service.ExchangeKeyAsync(new TokenRequest(ApiKeyFormat.NewKey(Guid.NewGuid()), null), default);
        var malformed = await service.ExchangeKeyAsync(new TokenRequest("nope", null), default);

        foreach (var outcome in new[] { wrong, unknown, malformed })
        {
            var error = Assert.IsType<JsonHttpResult<AeorDb.Api.Errors.ErrorBody>>(outcome.Result);
            Assert.Equal(401, error.StatusCode);
            Assert.Equal(AuthTokenService.InvalidKeyMessage, error.Value!.Error);
        }
    }

    [Fact]
    public async Task Exchange_ThirtyFirstAttemptInAMinute_Is429()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var service = host.Get<AuthTokenService>();
        var key = ApiKeyFormat.NewKey(Guid.NewGuid());

        for (var i = 0; i < 30; i++)
        {
            await service.ExchangeKeyAsync(new TokenRequest(key, null), default);
        }

        var limited = Assert.IsType<JsonHttpResult<AeorDb.Api.Errors.ErrorBody>>((await service.ExchangeKeyAsync(new TokenRequest(key, null), default)).Result);
        Assert.Equal(429, limited.StatusCode);
        Assert.Equal("RATE_LIMITED", limited.Value!.Code);
    }

    [Fact]
    public async Task Token_OfRevokedKey_IsRejected_AndExpiredKeyCannotExchange()
    {
        using var host = new AuthTestHost();
        var rootKey = await host.BootstrapAsync();
        var token = Ok(await host.Get<AuthTokenService>().ExchangeKeyAsync(new TokenRequest(rootKey, null), default)).Token;
        var keyId = (await host.Get<ApiKeyStore>().ListAsync())[0].KeyId;

        await host.Get<ApiKeyService>().RevokeAsync(new Caller(Guid.Empty, null, null, [], false), keyId.ToString(), default);
        var (result, context) = await host.AuthenticateAsync(token);

        Assert.False(result.Succeeded);
        Assert.Equal(401, (CallerExtensions.Check(context) as IStatusCodeHttpResult)?.StatusCode);
        Assert.IsType<JsonHttpResult<AeorDb.Api.Errors.ErrorBody>>((await host.Get<AuthTokenService>().ExchangeKeyAsync(new TokenRequest(rootKey, null), default)).Result);
    }

    [Fact]
    public async Task Token_LifetimeIsCappedAtKeyRemainingLife()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var (_, key) = await host.Get<ApiKeyService>().CreateAsync(Guid.NewGuid(), "short", 1, []);

        var response = Ok(await host.Get<AuthTokenService>().ExchangeKeyAsync(new TokenRequest(key, null), default));

        Assert.Equal(86_400, response.ExpiresIn);
    }

    [Fact]
    public async Task Refresh_RotatesToken_KeepsKeyId_AndOldTokenIsSpent()
    {
        using var host = new AuthTestHost();
        var user = Guid.NewGuid();
        await host.BootstrapAsync();
        var (record, key) = await host.Get<ApiKeyService>().CreateAsync(user, null, null, [new KeyRule("/assets/**", "-r--l---")]);
        var service = host.Get<AuthTokenService>();
        var first = Ok(await service.ExchangeKeyAsync(new TokenRequest(key, true), default));

        var second = Ok(await service.RefreshAsync(new RefreshRequest(first.RefreshToken), default));
        var replay = await service.RefreshAsync(new RefreshRequest(first.RefreshToken), default);
        var (_, context) = await host.AuthenticateAsync(second.Token);

        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(401, Assert.IsType<JsonHttpResult<AeorDb.Api.Errors.ErrorBody>>(replay.Result).StatusCode);
        Assert.Equal(record.KeyId, context.GetCaller().KeyId);
        Assert.Equal(user, context.GetCaller().UserId);
        Assert.Single(context.GetCaller().Rules);
    }

    [Fact]
    public async Task CreateOwn_UserIdByNonRoot_Is403_AndBadRulesAre400()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var service = host.Get<ApiKeyService>();
        var someone = new Caller(Guid.NewGuid(), null, null, [], false);

        var forUser = await service.CreateOwnAsync(someone, new CreateKeyRequest(null, null, null, Guid.NewGuid().ToString()), default);
        var badRules = await service.CreateOwnAsync(someone, new CreateKeyRequest(null, null, System.Text.Json.JsonDocument.Parse("[{\"**\":\"x\"}]").RootElement, null), default);
        var created = await service.CreateOwnAsync(someone, new CreateKeyRequest("l", 99_999, null, null), default);

        Assert.Equal(403, (forUser.Result as IStatusCodeHttpResult)?.StatusCode);
        Assert.Equal(400, (badRules.Result as IStatusCodeHttpResult)?.StatusCode);
        var body = Assert.IsType<Created<CreatedKeyResponse>>(created.Result).Value!;
        Assert.Equal(someone.UserId, body.UserId);
        Assert.Equal(host.Time.GetUtcNow().AddDays(3650).ToUnixTimeMilliseconds(), body.ExpiresAt);
    }

    [Fact]
    public async Task Revoke_OtherUsersKey_Is403_UnknownIs404_BadIdIs400()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var service = host.Get<ApiKeyService>();
        var (record, _) = await service.CreateAsync(Guid.NewGuid(), null, null, []);
        var stranger = new Caller(Guid.NewGuid(), null, null, [], false);

        Assert.Equal(403, ((await service.RevokeAsync(stranger, record.KeyId.ToString(), default)).Result as IStatusCodeHttpResult)?.StatusCode);
        Assert.Equal(404, ((await service.RevokeAsync(stranger, Guid.NewGuid().ToString(), default)).Result as IStatusCodeHttpResult)?.StatusCode);
        Assert.Equal(400, ((await service.RevokeAsync(stranger, "nope", default)).Result as IStatusCodeHttpResult)?.StatusCode);
    }

    private static TokenResponse Ok(Results<Ok<TokenResponse>, JsonHttpResult<AeorDb.Api.Errors.ErrorBody>> outcome) =>
        Assert.IsType<Ok<TokenResponse>>(outcome.Result).Value!;
}
