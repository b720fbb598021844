using Microsoft.IdentityModel.Tokens;

namespace AeorDb.Api.Auth.Jwt;

/// <summary>
/// Hands out <see cref="Ed25519SignatureProvider"/>s for <see cref="Ed25519SecurityKey"/>s. Microsoft.IdentityModel
/// supports no EdDSA itself; the token handler asks the key's factory, so this is the one hook it needs.
/// One provider per key is reused: it holds no per-call state.
/// </summary>
internal sealed class Ed25519CryptoProviderFactory : CryptoProviderFactory
{
    private Ed25519SignatureProvider? _provider;

    public override bool IsSupportedAlgorithm(string algorithm, SecurityKey key) =>
        algorithm == Ed25519SecurityKey.Algorithm && key is Ed25519SecurityKey;

    public override bool IsSupportedAlgorithm(string algorithm) => algorithm == Ed25519SecurityKey.Algorithm;

    public override SignatureProvider CreateForSigning(SecurityKey key, string algorithm) => ProviderFor(key, algorithm);

    public override SignatureProvider CreateForSigning(SecurityKey key, string algorithm, bool cacheProvider) => ProviderFor(key, algorithm);

    public override SignatureProvider CreateForVerifying(SecurityKey key, string algorithm) => ProviderFor(key, algorithm);

    public override SignatureProvider CreateForVerifying(SecurityKey key, string algorithm, bool cacheProvider) => ProviderFor(key, algorithm);

    public override void ReleaseSignatureProvider(SignatureProvider signatureProvider)
    {
    }

    private Ed25519SignatureProvider ProviderFor(SecurityKey key, string algorithm)
    {
        if (key is not Ed25519SecurityKey edKey || algorithm != Ed25519SecurityKey.Algorithm)
        {
            throw new NotSupportedException($"Only {Ed25519SecurityKey.Algorithm} with an Ed25519 key is supported.");
        }

        var provider = _provider;
        if (provider is null || !ReferenceEquals(provider.Key, edKey))
        {
            provider = new Ed25519SignatureProvider(edKey);
            _provider = provider;
        }

        return provider;
    }
}
