using Microsoft.IdentityModel.Tokens;
using NSec.Cryptography;

namespace AeorDb.Api.Auth.Jwt;

/// <summary>Signs and verifies JWS signatures with Ed25519 through NSec (thread-safe: NSec keys are immutable).</summary>
internal sealed class Ed25519SignatureProvider(Ed25519SecurityKey key) : SignatureProvider(key, Ed25519SecurityKey.Algorithm)
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    private readonly Ed25519SecurityKey _key = key;

    public override byte[] Sign(byte[] input) => Ed25519.Sign(_key.PrivateKey, input);

    public override byte[] Sign(byte[] input, int offset, int count) => Ed25519.Sign(_key.PrivateKey, input.AsSpan(offset, count));

    public override bool Sign(ReadOnlySpan<byte> data, Span<byte> destination, out int bytesWritten)
    {
        if (destination.Length < Ed25519.SignatureSize)
        {
            bytesWritten = 0;
            return false;
        }

        Ed25519.Sign(_key.PrivateKey, data, destination[..Ed25519.SignatureSize]);
        bytesWritten = Ed25519.SignatureSize;
        return true;
    }

    public override bool Verify(byte[] input, byte[] signature) => Ed25519.Verify(_key.PublicKey, input, signature);

    public override bool Verify(byte[] input, int inputOffset, int inputLength, byte[] signature, int signatureOffset, int signatureLength) =>
        Ed25519.Verify(_key.PublicKey, input.AsSpan(inputOffset, inputLength), signature.AsSpan(signatureOffset, signatureLength));

    protected override void Dispose(bool disposing)
    {
    }
}
