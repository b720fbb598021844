using Microsoft.IdentityModel.Tokens;
using NSec.Cryptography;

namespace AeorDb.Api.Auth.Jwt;

/// <summary>
/// An Ed25519 key for Microsoft.IdentityModel. The library has no Ed25519 (EdDSA) support of its own, so
/// this key carries an NSec key pair and names <see cref="Ed25519CryptoProviderFactory"/> as its crypto
/// provider factory; the token handler then signs and verifies through NSec.
/// </summary>
internal sealed class Ed25519SecurityKey : AsymmetricSecurityKey
{
    /// <summary>The JWS algorithm name of Ed25519 (RFC 8037).</summary>
    public const string Algorithm = "EdDSA";

    public Ed25519SecurityKey(Key privateKey)
    {
        PrivateKey = privateKey;
        PublicKey = privateKey.PublicKey;
        CryptoProviderFactory = new Ed25519CryptoProviderFactory();
    }

    /// <summary>The signing key (an NSec key pair made from the 32-byte seed).</summary>
    public Key PrivateKey { get; }

    public PublicKey PublicKey { get; }

    [Obsolete("HasPrivateKey is obsolete in the base class; PrivateKeyStatus is used instead.")]
    public override bool HasPrivateKey => true;

    public override PrivateKeyStatus PrivateKeyStatus => PrivateKeyStatus.Exists;

    public override int KeySize => 256;
}
