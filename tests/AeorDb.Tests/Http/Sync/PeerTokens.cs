using System.Text;
using AeorDb.Grains.Services.Hashing;
using AeorDb.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using NSec.Cryptography;

namespace AeorDb.Tests.Http.Sync;

/// <summary>
/// Mints peer tokens (CONTRACT §6.1) the way another node of the cluster would: with the node's Ed25519
/// signing key, bound (<c>aud</c>) to the receiving node's id. The key is not reachable over HTTP (its namespace is hidden), so it is read read-only
/// from the node's database file, where it is an ordinary tree file: catalog row → version record → chunk.
/// </summary>
internal static class PeerTokens
{
    private const string KeyPath = "/.aeordb-system/config/jwt_signing_key";

    /// <summary>The 32-byte seed the node signs with.</summary>
    public static byte[] ReadSigningSeed(AeorDbNode node)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = node.DatabasePath, Mode = SqliteOpenMode.ReadOnly, DefaultTimeout = 30, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        var versionHash = Scalar(connection, "SELECT hash FROM aeor_catalog WHERE path = $p", "$p", KeyPath);
        var versionRecord = Scalar(connection, "SELECT data FROM aeor_objects WHERE hash = $p", "$p", versionHash);
        var version = ContentHasher.DecodeFileVersion(Convert.ToHexStringLower(versionHash), versionRecord, system: true);
        return Scalar(connection, "SELECT data FROM aeor_objects WHERE hash = $p", "$p", Convert.FromHexString(version.ChunkHashes.Single()));
    }

    /// <summary>A JWT signed with <paramref name="seed"/>: nil <c>sub</c>, <c>iss:"aeordb"</c>, 300 s, with the given scope and audience.</summary>
    public static string Mint(byte[] seed, string? scope = "sync", string subject = AeorDbNode.RootUserId, string? audience = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Jwt.EncodeSegment(Encoding.UTF8.GetBytes("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}"));
        var scopeClaim = scope is null ? string.Empty : $",\"scope\":\"{scope}\"";
        var audienceClaim = audience is null ? string.Empty : $",\"aud\":\"{audience}\"";
        var payload = Jwt.EncodeSegment(Encoding.UTF8.GetBytes($"{{\"sub\":\"{subject}\",\"iss\":\"aeordb\",\"iat\":{now},\"exp\":{now + 300}{scopeClaim}{audienceClaim}}}"));
        using var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        var signature = SignatureAlgorithm.Ed25519.Sign(key, Encoding.ASCII.GetBytes(header + "." + payload));
        return header + "." + payload + "." + Jwt.EncodeSegment(signature);
    }

    /// <summary>A peer token for <paramref name="node"/>, as a member of its cluster would mint it: bound to its node id.</summary>
    public static async Task<string> ForNodeAsync(AeorDbNode node) =>
        Mint(ReadSigningSeed(node), audience: (await NodeIdAsync(node)).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The node's id, read from its public <c>GET /sync/identity</c>.</summary>
    public static async Task<ulong> NodeIdAsync(AeorDbNode node)
    {
        using var response = await node.Http.GetAsync("/sync/identity?nonce=" + new string('a', 64));
        response.EnsureSuccessStatusCode();
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("node_id").GetUInt64();
    }

    private static byte[] Scalar(SqliteConnection connection, string sql, string name, object value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue(name, value);
        return command.ExecuteScalar() as byte[] ?? throw new InvalidOperationException($"No row for {sql} with {value}.");
    }
}
