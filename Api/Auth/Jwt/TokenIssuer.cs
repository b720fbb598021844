using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using NSec.Cryptography;

namespace AeorDb.Api.Auth.Jwt;

/// <summary>Mints JWTs (CONTRACT §3.1): JWS compact, header <c>{"alg":"EdDSA","typ":"JWT"}</c>, Ed25519 over the node's signing key.</summary>
internal sealed class TokenIssuer(SigningKeyStore keys, TimeProvider time)
{
    /// <summary>The only issuer a token may carry.</summary>
    public const string Issuer = "aeordb";

    /// <summary>The scope of peer tokens.</summary>
    public const string SyncScope = "sync";

    private static readonly string EncodedHeader = Base64UrlEncode("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}"u8);

    /// <summary>A signed token and its lifetime in whole seconds (the <c>expires_in</c> of /auth responses).</summary>
    public readonly record struct IssuedToken(string Token, long ExpiresIn);

    /// <summary>Mints a token for <paramref name="subject"/>; <paramref name="keyId"/>, <paramref name="scope"/> and <paramref name="audience"/> are left out when null.</summary>
    public IssuedToken Issue(string subject, Guid? keyId, string? scope, TimeSpan lifetime, string? audience = null)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var seconds = Math.Max(1, (long)lifetime.TotalSeconds);
        var payload = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("sub", subject);
            writer.WriteString("iss", Issuer);
            writer.WriteNumber("iat", now);
            writer.WriteNumber("exp", now + seconds);
            if (scope is not null)
            {
                writer.WriteString("scope", scope);
            }

            if (audience is not null)
            {
                writer.WriteString("aud", audience);
            }

            if (keyId is { } id)
            {
                writer.WriteString("key_id", id.ToString("D"));
            }

            writer.WriteEndObject();
        }

        var signingInput = EncodedHeader + "." + Base64UrlEncode(payload.WrittenSpan);
        var signature = SignatureAlgorithm.Ed25519.Sign(keys.Current.PrivateKey, System.Text.Encoding.ASCII.GetBytes(signingInput));
        return new IssuedToken(signingInput + "." + Base64UrlEncode(signature), seconds);
    }

    /// <summary>Mints a token for a user UUID (the nil UUID is root).</summary>
    public IssuedToken Issue(Guid userId, Guid? keyId, string? scope, TimeSpan lifetime, string? audience = null) =>
        Issue(userId.ToString("D"), keyId, scope, lifetime, audience);

    private static string Base64UrlEncode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);
}
