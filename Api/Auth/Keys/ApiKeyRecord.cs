using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Auth.Keys;

/// <summary>
/// An API key as stored (JSON, snake_case) at <c>/.aeordb-system/api-keys/&lt;16-hex prefix&gt;</c>. Replicated system
/// data: the plaintext never is, only its argon2id hash.
/// </summary>
/// <param name="KeyId">The key id UUID; its first 16 hex (unhyphenated) are the lookup prefix.</param>
/// <param name="UserId">The user the key acts as (nil UUID = root).</param>
/// <param name="KeyHash">Argon2id hash of the whole plaintext key, lowercase hex.</param>
/// <param name="Salt">Argon2id salt, lowercase hex.</param>
/// <param name="HashParameters">Argon2id parameters the hash was made with (<c>argon2id$m=…,t=…,p=…</c>).</param>
/// <param name="Label">Free text, may be null.</param>
/// <param name="Rules">Key rules in stored form <c>{"glob","permitted"}</c>; empty means no limit.</param>
/// <param name="CreatedAt">RFC 3339 UTC.</param>
/// <param name="ExpiresAt">Unix milliseconds.</param>
/// <param name="IsRevoked">True once revoked; revoked keys are kept so listings show them.</param>
internal sealed record ApiKeyRecord(
    Guid KeyId,
    Guid UserId,
    string KeyHash,
    string Salt,
    string? HashParameters,
    string? Label,
    IReadOnlyList<KeyRule> Rules,
    string CreatedAt,
    long ExpiresAt,
    bool IsRevoked)
{
    /// <summary>True when the key may be used at <paramref name="nowMs"/>.</summary>
    public bool IsUsable(long nowMs) => !IsRevoked && nowMs < ExpiresAt;
}
