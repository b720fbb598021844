using AeorDb.Api.Auth.Jwt;
using AeorDb.Api.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Auth.Keys;

/// <summary>Exchanges API keys and refresh tokens for JWTs (CONTRACT §3.2, §3.3).</summary>
internal sealed class AuthTokenService(
    ApiKeyStore keys,
    RefreshTokenStore refreshTokens,
    UserDirectory users,
    TokenIssuer issuer,
    TokenRateLimiter limiter,
    IOptions<ApiOptions> options,
    TimeProvider time)
{
    /// <summary>The one 401 message of /auth/token, whatever was wrong with the key, so keys cannot be probed.</summary>
    public const string InvalidKeyMessage = "Invalid API key";

    public const string InvalidRefreshMessage = "Invalid or expired refresh token";

    // One rotation at a time on this node, so a refresh token cannot be spent twice by racing requests.
    private readonly SemaphoreSlim _rotation = new(1, 1);

    public async Task<Results<Ok<TokenResponse>, JsonHttpResult<ErrorBody>>> ExchangeKeyAsync(TokenRequest request, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.TryParseKey(request.ApiKey, out var prefix))
        {
            return ApiErrors.Unauthorized(InvalidKeyMessage);
        }

        if (!limiter.TryAcquire(prefix))
        {
            return ApiErrors.Result(StatusCodes.Status429TooManyRequests, "Too many token requests for this key; try again later", ApiErrors.RateLimitedCode);
        }

        var record = await keys.GetByPrefixAsync(prefix, cancellationToken).ConfigureAwait(false);
        if (record is null || !record.IsUsable(NowMs()) || !ApiKeyHasher.Verify(request.ApiKey!, record.KeyHash, record.Salt, record.HashParameters)
            || !await IsActiveAsync(record.UserId, cancellationToken).ConfigureAwait(false))
        {
            return ApiErrors.Unauthorized(InvalidKeyMessage);
        }

        var token = issuer.Issue(record.UserId, record.KeyId, scope: null, LifetimeFor(record));
        var refresh = request.IncludeRefresh == true
            ? await refreshTokens.CreateAsync(record.KeyId, record.UserId, options.Value.RefreshTokenLifetime, cancellationToken).ConfigureAwait(false)
            : null;
        return TypedResults.Ok(new TokenResponse(token.Token, token.ExpiresIn, refresh));
    }

    public async Task<Results<Ok<TokenResponse>, JsonHttpResult<ErrorBody>>> RefreshAsync(RefreshRequest request, CancellationToken cancellationToken)
    {
        await _rotation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var record = await refreshTokens.GetAsync(request.RefreshToken, cancellationToken).ConfigureAwait(false);
            if (record is null || record.Revoked || NowMs() >= record.ExpiresAt)
            {
                return ApiErrors.Unauthorized(InvalidRefreshMessage);
            }

            var key = await keys.GetAsync(record.KeyId, cancellationToken).ConfigureAwait(false);
            if (key is null || !key.IsUsable(NowMs()) || key.UserId != record.UserId || !await IsActiveAsync(key.UserId, cancellationToken).ConfigureAwait(false))
            {
                return ApiErrors.Unauthorized(InvalidRefreshMessage);
            }

            await refreshTokens.RevokeAsync(request.RefreshToken!, record, cancellationToken).ConfigureAwait(false);
            var next = await refreshTokens.CreateAsync(key.KeyId, key.UserId, options.Value.RefreshTokenLifetime, cancellationToken).ConfigureAwait(false);
            var token = issuer.Issue(key.UserId, key.KeyId, scope: null, LifetimeFor(key));
            return TypedResults.Ok(new TokenResponse(token.Token, token.ExpiresIn, next));
        }
        finally
        {
            _rotation.Release();
        }
    }

    /// <summary>The JWT lifetime: the configured 7 days, capped at the key's remaining life.</summary>
    public TimeSpan LifetimeFor(ApiKeyRecord key)
    {
        var remaining = TimeSpan.FromMilliseconds(key.ExpiresAt - NowMs());
        return remaining < options.Value.TokenLifetime ? remaining : options.Value.TokenLifetime;
    }

    // Uncached: exchanging a credential is rare and must see a deactivation at once.
    private async Task<bool> IsActiveAsync(Guid userId, CancellationToken cancellationToken)
    {
        users.Forget(userId);
        return await users.IsActiveAsync(userId, cancellationToken).ConfigureAwait(false);
    }

    private long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
