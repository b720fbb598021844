using AeorDb.Api.Storage;

namespace AeorDb.Api.Auth.Keys;

/// <summary>Refresh-token records under <see cref="Directory"/>, named by the SHA-256 hex of the plaintext.</summary>
internal sealed class RefreshTokenStore(IFileContent files, TimeProvider time)
{
    public const string Directory = "/.aeordb-system/refresh-tokens";

    /// <summary>Issues and stores a new refresh token; returns its plaintext.</summary>
    public async Task<string> CreateAsync(Guid keyId, Guid userId, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var token = ApiKeyFormat.NewRefreshToken();
        var expiresAt = (time.GetUtcNow() + lifetime).ToUnixTimeMilliseconds();
        await SystemRecords.WriteAsync(files, PathOf(token), new RefreshTokenRecord(keyId, userId, expiresAt, Revoked: false), cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>The record of a plaintext token, or null for a malformed or unknown one.</summary>
    public async Task<RefreshTokenRecord?> GetAsync(string? token, CancellationToken cancellationToken = default) =>
        ApiKeyFormat.IsRefreshToken(token)
            ? await SystemRecords.ReadAsync<RefreshTokenRecord>(files, PathOf(token!), cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>Marks a token used (rotation).</summary>
    public Task RevokeAsync(string token, RefreshTokenRecord record, CancellationToken cancellationToken = default) =>
        SystemRecords.WriteAsync(files, PathOf(token), record with { Revoked = true }, cancellationToken);

    private static string PathOf(string token) => Directory + "/" + ApiKeyFormat.RefreshTokenId(token);
}
