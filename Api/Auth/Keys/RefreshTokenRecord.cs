namespace AeorDb.Api.Auth.Keys;

/// <summary>A refresh token as stored at <c>/.aeordb-system/refresh-tokens/&lt;sha256 hex&gt;</c> (the plaintext is never stored).</summary>
/// <param name="KeyId">The API key the token was issued through; the new JWT keeps it (CONTRACT §3.3).</param>
/// <param name="UserId">The token's user.</param>
/// <param name="ExpiresAt">Unix milliseconds.</param>
/// <param name="Revoked">True once used (rotation) or revoked.</param>
internal sealed record RefreshTokenRecord(Guid KeyId, Guid UserId, long ExpiresAt, bool Revoked);
