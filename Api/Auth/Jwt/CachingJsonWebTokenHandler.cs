using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AeorDb.Api.Auth.Jwt;

/// <summary>
/// The JwtBearer token handler with two additions: the claims CONTRACT §3.1 requires (<c>sub</c>, <c>iat</c>,
/// <c>exp</c>, <c>iss</c>) must be present, and successful validations are remembered until the token's
/// <c>exp</c>, keyed by the token string, because an Ed25519 verification per request would otherwise be
/// the largest CPU cost of a small GET. The cache is bounded and dropped when the signing key changes.
/// </summary>
internal sealed class CachingJsonWebTokenHandler : JsonWebTokenHandler
{
    /// <summary>Most tokens remembered at once.</summary>
    public const int Capacity = 10_000;

    private readonly BoundedCache<string, TokenValidationResult> _validated;

    public CachingJsonWebTokenHandler(SigningKeyStore keys, TimeProvider time)
    {
        _validated = new BoundedCache<string, TokenValidationResult>(Capacity, time);
        keys.Changed += _validated.Clear;
        MapInboundClaims = false;
    }

    /// <summary>
    /// The identity of <paramref name="token"/> when this handler validated it earlier and its <c>exp</c> has not
    /// passed (<see cref="CachedBearerAuthentication"/> then skips the JwtBearer handler); false when the token must
    /// go through full validation. The signing key changing empties the cache, exactly as for validation.
    /// </summary>
    public bool TryGetValidated(string token, [NotNullWhen(true)] out ClaimsIdentity? identity)
    {
        identity = _validated.TryGet(token, out var cached) && cached.IsValid ? cached.ClaimsIdentity : null;
        return identity is not null;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_validated.TryGet(token, out var cached))
        {
            return cached;
        }

        var result = await base.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return result;
        }

        var missing = MissingRequiredClaim(result.SecurityToken as JsonWebToken);
        if (missing is not null)
        {
            return new TokenValidationResult { IsValid = false, Exception = new SecurityTokenValidationException($"The token has no '{missing}' claim.") };
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        _validated.Set(token, result, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        return result;
    }

    private static string? MissingRequiredClaim(JsonWebToken? jwt)
    {
        if (jwt is null)
        {
            return "token";
        }

        foreach (var name in RequiredClaims)
        {
            if (!jwt.TryGetPayloadValue<object>(name, out var value) || value is null)
            {
                return name;
            }
        }

        return jwt.TryGetPayloadValue<string>("sub", out var sub) && !string.IsNullOrEmpty(sub) ? null : "sub";
    }

    private static readonly string[] RequiredClaims = ["sub", "iss", "iat", "exp"];
}
