using Microsoft.IdentityModel.Tokens;

namespace AeorDb.Api.Auth.Jwt;

/// <summary>The validation rules of CONTRACT §3.1: EdDSA signature by the node key, <c>iss == "aeordb"</c>, lifetime with leeway.</summary>
internal static class TokenValidation
{
    /// <summary>Builds the parameters the JwtBearer handler validates with. The key is resolved per token, so a key adopted on join takes effect at once.</summary>
    public static TokenValidationParameters Create(SigningKeyStore keys, TimeSpan clockSkew, TimeProvider time) => new()
    {
        ValidIssuer = TokenIssuer.Issuer,
        ValidateIssuer = true,
        ValidateAudience = false,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = false,
        ValidAlgorithms = [Ed25519SecurityKey.Algorithm],
        ClockSkew = clockSkew,
        IssuerSigningKeyResolver = (_, _, _, _) => [keys.Current],
        LifetimeValidator = (notBefore, expires, _, parameters) => IsLive(notBefore, expires, parameters.ClockSkew, time),
        NameClaimType = "sub",
    };

    // The library's own lifetime check reads the wall clock; this one reads the injected TimeProvider.
    private static bool IsLive(DateTime? notBefore, DateTime? expires, TimeSpan skew, TimeProvider time)
    {
        if (expires is null)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        return now <= expires.Value.ToUniversalTime() + skew
            && (notBefore is null || now + skew >= notBefore.Value.ToUniversalTime());
    }
}
