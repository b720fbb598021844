using System.Text;
using AeorDb.Tests.TestSupport;
using NSec.Cryptography;

namespace AeorDb.Tests.Http.Security.Adversarial;

/// <summary>
/// JWTs an attacker would try (issue item "forged JWTs"): <c>alg:none</c>, a wrong key, expired, tampered claims and a
/// sync scope on a non-root subject. The validly signed ones use the node's own seed (read from its database), so
/// only the claim under test is wrong.
/// </summary>
public sealed class ForgedTokens(byte[] seed, string userToken)
{
    /// <summary>Every forged token with what it tries.</summary>
    public IReadOnlyList<(string Name, string Token)> All(string userId)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var root = AeorDbNode.RootUserId;
        using var wrongKey = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return
        [
            ("alg none", Unsigned("{\"alg\":\"none\",\"typ\":\"JWT\"}", Claims(root, now, now + 600))),
            ("alg none, empty signature", Unsigned("{\"alg\":\"none\"}", Claims(root, now, now + 600)) + "."),
            ("alg HS256", Sign("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", Claims(root, now, now + 600), seed)),
            ("wrong key", Sign(Header, Claims(root, now, now + 600), wrongKey.Export(KeyBlobFormat.RawPrivateKey))),
            ("expired root", Sign(Header, Claims(root, now - 7200, now - 3600), seed)),
            ("not yet issued, wrong issuer", Sign(Header, $"{{\"sub\":\"{root}\",\"iss\":\"evil\",\"iat\":{now},\"exp\":{now + 600}}}", seed)),
            ("tampered sub", Tamper(userToken, root)),
            ("sync scope on a user", Sign(Header, Claims(userId, now, now + 600, ",\"scope\":\"sync\""), seed)),
            ("sync scope with a stale key id", Sign(Header, Claims(root, now, now + 600, $",\"scope\":\"sync\",\"key_id\":\"{Guid.NewGuid()}\""), seed)),
            ("garbage", "not.a.jwt"),
            ("empty segments", ".."),
            ("huge", new string('A', 6000) + "." + new string('B', 6000) + ".x"),
        ];
    }

    private const string Header = "{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}";

    private static string Claims(string subject, long issued, long expires, string extra = "") =>
        $"{{\"sub\":\"{subject}\",\"iss\":\"aeordb\",\"iat\":{issued},\"exp\":{expires}{extra}}}";

    private static string Unsigned(string header, string claims) =>
        Jwt.EncodeSegment(Encoding.UTF8.GetBytes(header)) + "." + Jwt.EncodeSegment(Encoding.UTF8.GetBytes(claims));

    private static string Sign(string header, string claims, byte[] privateKey)
    {
        var input = Unsigned(header, claims);
        using var key = Key.Import(SignatureAlgorithm.Ed25519, privateKey, KeyBlobFormat.RawPrivateKey);
        return input + "." + Jwt.EncodeSegment(SignatureAlgorithm.Ed25519.Sign(key, Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>A real token whose payload claims another subject, with the original signature.</summary>
    private static string Tamper(string token, string subject)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Jwt.DecodeSegment(parts[1]));
        var sub = Jwt.Payload(token).GetProperty("sub").GetString()!;
        return parts[0] + "." + Jwt.EncodeSegment(Encoding.UTF8.GetBytes(payload.Replace(sub, subject, StringComparison.Ordinal))) + "." + parts[2];
    }
}
