using AeorDb.Api.Auth.Jwt;
using AeorDb.Api.Auth.Keys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Auth;

/// <summary>Start-up step of authentication: loads or creates the signing key and, while the database holds no API key, creates the root key.</summary>
internal sealed partial class AuthBootstrapper(
    SigningKeyStore signingKeys,
    ApiKeyStore keys,
    ApiKeyService keyService,
    IOptions<ApiOptions> options,
    ILogger<AuthBootstrapper> logger)
{
    /// <summary>Runs once after the silo is up and before requests are served; returns the new root API key to print, or null.</summary>
    /// <remarks>Idempotent: a restart finds the stored seed and the stored key and creates nothing.</remarks>
    public async Task<string?> InitializeAsync(CancellationToken cancellationToken = default)
    {
        await signingKeys.LoadOrCreateAsync(cancellationToken).ConfigureAwait(false);
        if (options.Value.AuthMode == AuthMode.Disabled || await keys.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var (record, key) = await keyService.CreateAsync(Guid.Empty, label: null, ApiKeyService.DefaultExpiryDays, [], cancellationToken).ConfigureAwait(false);
        LogRootKeyCreated(logger, record.KeyId);
        return key;
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Created the root API key {KeyId}")]
    private static partial void LogRootKeyCreated(ILogger logger, Guid keyId);
}
