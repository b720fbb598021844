using System.Text;

namespace AeorDb.Tests.Http.Security.Adversarial;

/// <summary>Malformed JSON, wrong types and hostile values for every JSON route, and a few routes' plausible shapes with hostile contents.</summary>
public static class HostileBodies
{
    /// <summary>Bodies that are not the JSON object a route wants, or not JSON at all.</summary>
    private static readonly string[] Malformed =
    [
        "", "{", "}", "[", "{\"a\":", "{\"a\":1,}", "{'a':1}", "nul", "[]", "\"text\"", "123", "-0", "1e999", "null", "true",
        "{\"a\":NaN}", "{\"a\":Infinity}", "{\"\\u0000\":1}", "\uFEFF{}", "{\"a\":\"\\ud800\"}", "{\"a\":1}{\"b\":2}",
        "{\"a\":1,\"a\":2}", "<xml/>", "\u0000\u0001\u0002",
    ];

    /// <summary>Values of the wrong JSON type for any field.</summary>
    private static readonly string[] WrongValues =
    [
        "1", "-1", "1.5", "9999999999999999999999999", "true", "null", "[]", "{}", "[null]", "[1,2]", "{\"$ne\":null}",
        "\"\"", "\"../../..\"", "\"\\u0000\"", "\"" + new string('x', 3000) + "\"", "[\"" + new string('y', 100) + "\"]",
    ];

    /// <summary>Field names the routes read (CONTRACT §3–§5), so wrong types reach the binders.</summary>
    private static readonly string[] Fields =
    [
        "api_key", "include_refresh", "refresh_token", "label", "expires_in_days", "rules", "user_id", "to", "target",
        "since_root_hash", "current_root_hash", "paths", "node_id", "virtual_time", "hashes", "address", "sync_paths",
        "node_url", "pick",
    ];

    /// <summary>A hostile JSON body: malformed, one wrong-typed field, deep nesting, or a plausible object with hostile values.</summary>
    public static byte[] Next(Random random)
    {
        var text = random.Next(6) switch
        {
            0 => HostilePaths.Pick(random, Malformed),
            1 => $"{{\"{HostilePaths.Pick(random, Fields)}\":{HostilePaths.Pick(random, WrongValues)}}}",
            2 => $"{{\"{HostilePaths.Pick(random, Fields)}\":{HostilePaths.Pick(random, WrongValues)},\"{HostilePaths.Pick(random, Fields)}\":{HostilePaths.Pick(random, WrongValues)}}}",
            3 => new string('[', 5000) + new string(']', 5000),
            4 => Plausible(random),
            _ => random.Next(2) == 0 ? "{}" : "{\"rules\":[{\"/sandbox/**\":\"crudlify\"},{\"**\":\"crudlify\"}]}",
        };
        return random.Next(30) == 0 ? [0xff, 0xfe, .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);
    }

    /// <summary>A well-formed object whose values aim outside the caller's rights.</summary>
    private static string Plausible(Random random) => random.Next(9) switch
    {
        0 => "{\"to\":\"/private/stolen.txt\"}",
        1 => "{\"to\":\"/sandbox/../private/secret.txt\"}",
        2 => "{\"target\":\"/.aeordb-system/config/jwt_signing_key\"}",
        3 => "{\"paths\":[\"/.aeordb-system/**\",\"**\"],\"since_root_hash\":\"" + new string('0', 64) + "\"}",
        4 => "{\"hashes\":[\"" + new string('a', 64) + "\",\"zz\",\"" + new string('F', 64) + "\"]}",
        5 => "{\"address\":\"http://127.0.0.1:1\",\"sync_paths\":[\"{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}\"]}",
        6 => "{\"node_url\":\"http://127.0.0.1:1\"}",
        7 => "{\"pick\":\"loser\"}",
        _ => "{\"rules\":[{\"" + new string('*', 2000) + "\":\"crudlify\"}],\"user_id\":\"00000000-0000-0000-0000-000000000000\"}",
    };
}
