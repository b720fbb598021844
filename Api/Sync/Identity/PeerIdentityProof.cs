using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace AeorDb.Api.Sync.Identity;

/// <summary>
/// The proof a node gives of its node id at <c>GET /sync/identity</c>: an Ed25519 signature, with the cluster's
/// signing key, over a domain-separated message holding the caller's nonce and the node id. Only a holder of the key
/// can make it, so a peer address that is not a member of this cluster cannot claim another member's id (and so
/// cannot obtain a peer token bound to that member). The message starts with a fixed text, never with the
/// base64url of a JWT header, so the endpoint is no signing oracle for tokens.
/// </summary>
internal static class PeerIdentityProof
{
    /// <summary>Length of the nonce in hex characters (32 random bytes).</summary>
    public const int NonceLength = 64;

    private const string Domain = "aeordb-peer-identity-v1";

    /// <summary>A fresh nonce: 64 lowercase hex characters.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(NonceLength / 2));

    /// <summary>True for a well-formed nonce.</summary>
    public static bool IsNonce(string? nonce) => nonce is { Length: NonceLength } && nonce.All(char.IsAsciiHexDigit);

    public static byte[] Sign(Key key, string nonce, ulong nodeId) => SignatureAlgorithm.Ed25519.Sign(key, Message(nonce, nodeId));

    public static bool Verify(PublicKey key, string nonce, ulong nodeId, ReadOnlySpan<byte> signature) =>
        SignatureAlgorithm.Ed25519.Verify(key, Message(nonce, nodeId), signature);

    private static byte[] Message(string nonce, ulong nodeId) =>
        Encoding.ASCII.GetBytes(Domain + "\n" + nonce.ToLowerInvariant() + "\n" + nodeId.ToString(CultureInfo.InvariantCulture));
}
