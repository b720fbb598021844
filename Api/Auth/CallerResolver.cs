using System.Security.Claims;
using AeorDb.Api.Auth.Keys;

namespace AeorDb.Api.Auth;

/// <summary>
/// Turns a validated token's claims into the request's <see cref="Caller"/> (CONTRACT §3.1, §5.1): a <c>key_id</c>
/// claim loads the key, whose rules then bind the caller; a revoked, expired or missing key fails the token, and so
/// does a deactivated user (every credential of a user ends here, so one check covers JWTs, refreshed tokens and keys).
/// </summary>
internal sealed class CallerResolver(ApiKeyStore keys, UserDirectory users, PeerTokenAudience audience, TimeProvider time)
{
    /// <summary>The caller, or null when the token must be refused (401).</summary>
    public async ValueTask<Caller?> ResolveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal.FindFirst("sub")?.Value, out var userId) || !audience.Accepts(principal))
        {
            return null;
        }

        if (!await users.IsActiveAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var scope = principal.FindFirst("scope")?.Value;
        var keyClaim = principal.FindFirst("key_id")?.Value;
        if (keyClaim is null)
        {
            return new Caller(userId, null, scope, [], AuthDisabled: false);
        }

        if (!Guid.TryParse(keyClaim, out var keyId))
        {
            return null;
        }

        var record = await keys.GetCachedAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (record is null || !record.IsUsable(time.GetUtcNow().ToUnixTimeMilliseconds()) || record.UserId != userId)
        {
            return null;
        }

        return new Caller(userId, keyId, scope, record.Rules, AuthDisabled: false);
    }
}
