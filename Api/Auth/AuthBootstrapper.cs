namespace AeorDb.Api.Auth;

/// <summary>Start-up step of authentication: loads or creates the signing key and, while the database holds no API key, creates the root key.</summary>
internal sealed class AuthBootstrapper
{
    /// <summary>Runs once after the silo is up and before requests are served; returns the new root API key to print, or null.</summary>
    public Task<string?> InitializeAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
