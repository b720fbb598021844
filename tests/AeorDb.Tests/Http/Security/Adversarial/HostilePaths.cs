using System.Text;

namespace AeorDb.Tests.Http.Security.Adversarial;

/// <summary>
/// Hostile paths, already in URL form (percent-encoded where a client would have to): traversal with <c>..</c> in
/// plain, encoded and double-encoded forms, encoded slashes and backslashes, NUL and control characters, overlong
/// UTF-8 and lone surrogates, Unicode look-alikes of '/' and '.', the hidden namespaces in every spelling, and
/// overlong paths. Each is aimed at a target outside the writable sandbox or at the sandbox itself.
/// </summary>
public static class HostilePaths
{
    /// <summary>Files every caller may try to reach but none of them may write.</summary>
    public static readonly string[] Targets =
    [
        "private/secret.txt", "public/readme.txt", ".aeordb-system/config/jwt_signing_key", ".aeordb-config/cors.json",
        ".aeordb-conflicts/private/secret.txt/.meta", ".aeordb-system/api-keys", "private/.aeordb-permissions", "new-top-level.txt",
    ];

    private static readonly string[] Dots = ["..", "%2e%2e", "%2E%2E", ".%2e", "%252e%252e", "%c0%ae%c0%ae", "%uff0e%uff0e", "%EF%BC%8E%EF%BC%8E", "..%00", "...", ". ."];

    private static readonly string[] Slashes = ["/", "%2f", "%2F", "%5c", "\\", "%252f", "%c0%af", "%E2%88%95", "%EF%BC%8F", "//", "/./"];

    private static readonly string[] HiddenSpellings =
    [
        ".aeordb-system", ".AEORDB-SYSTEM", "%2eaeordb-system", "%2Eaeordb%2Dsystem", ".aeordb-system%00", " .aeordb-system",
        ".aeordb-system%20", ".aeordb-config", "%2e%61eordb-config", ".aeordb-system.", ".aeordb-conflicts",
    ];

    private static readonly string[] Oddities =
    [
        "%00", "%01", "%0a", "%0d%0a", "%09", "%20", "%7f", "%ED%A0%80", "%FF%FE", "%E2%80%AE", "%CC%81", "%F0%9F%92%A9",
        "%EF%BB%BF", "a%", "%zz", "%", "?", "#", ";jsessionid=1", "%3f", "%23", "~", "$", "'", "\"", "<script>",
    ];

    /// <summary>A hostile path under a route prefix such as <c>/files</c>; the result starts with <paramref name="prefix"/>.</summary>
    public static string Next(Random random, string prefix)
    {
        var target = Pick(random, Targets);
        var path = random.Next(9) switch
        {
            0 => $"/sandbox/{Climb(random)}{Pick(random, Slashes)}{target}",
            1 => $"/sandbox{Pick(random, Slashes)}{Pick(random, Dots)}{Pick(random, Slashes)}{target}",
            2 => $"/{Pick(random, HiddenSpellings)}/{Pick(random, ["config/jwt_signing_key", "api-keys/x", "users/root.json", "cluster/node_id", string.Empty])}",
            3 => $"/sandbox/{Pick(random, Oddities)}{Pick(random, Oddities)}/{Pick(random, Dots)}/{Pick(random, Dots)}/{target}",
            4 => $"/sandbox/{Segment(random, random.Next(200, 5000))}",
            5 => $"/{Segment(random, random.Next(9000, 12000))}",
            6 => $"/sandbox/{Segment(random, 40)}/{Pick(random, Oddities)}",
            7 => $"/sandbox/link{Pick(random, Slashes)}{Pick(random, [string.Empty, "x", "..", "../../private/secret.txt"])}",
            _ => $"/{target}",
        };
        return prefix + path;
    }

    /// <summary>A run of traversal segments in one spelling.</summary>
    private static string Climb(Random random)
    {
        var dots = Pick(random, Dots);
        var slash = Pick(random, Slashes);
        var builder = new StringBuilder();
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            builder.Append(dots).Append(slash);
        }

        return builder.ToString();
    }

    /// <summary>A long segment of URL-safe characters and escapes.</summary>
    private static string Segment(Random random, int length)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_.~";
        var builder = new StringBuilder(length);
        while (builder.Length < length)
        {
            builder.Append(random.Next(20) == 0 ? Pick(random, Oddities) : Alphabet[random.Next(Alphabet.Length)].ToString());
        }

        return builder.ToString();
    }

    /// <summary>One element of <paramref name="items"/>.</summary>
    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
