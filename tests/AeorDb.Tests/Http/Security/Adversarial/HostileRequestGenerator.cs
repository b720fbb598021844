using System.Globalization;
using System.Text;

namespace AeorDb.Tests.Http.Security.Adversarial;

/// <summary>
/// The seeded source of hostile requests: the same seed gives the same requests in the same order, so a failure
/// names its seed and request number and replays exactly (<see cref="AdversarialSuiteTests.SeedVariable"/>).
/// </summary>
/// <param name="seed">The generator's seed.</param>
/// <param name="forged">Forged tokens to send as <see cref="HostileCaller.Forged"/>.</param>
/// <param name="hashes">Object ids worth asking for: the secret's version and chunk, sandbox files, a root hash.</param>
public sealed class HostileRequestGenerator(int seed, IReadOnlyList<(string Name, string Token)> forged, IReadOnlyList<string> hashes)
{
    private static readonly string[] Methods = ["GET", "HEAD", "PUT", "POST", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "MKCOL", "FOO"];

    private static readonly string[] Families =
    [
        "/auth", "/auth/token", "/auth/refresh", "/auth/keys", "/auth/keys/", "/auth/keys/users", "/auth/keys/admin",
        "/auth/keys/admin/11111111-2222-3333-4444-555555555555", "/auth/keys/not-a-uuid", "/files", "/files/", "/files/sandbox/a.txt", "/links/sandbox/l",
        "/blobs/", "/blobs/zz", "/sync", "/sync/diff", "/sync/chunks", "/sync/peers", "/sync/peers/1", "/sync/peers/abc", "/sync/status",
        "/sync/join", "/sync/trigger?force_activate=true", "/sync/conflicts", "/sync/conflicts/private/secret.txt", "/sync/resolve/sandbox/a.txt",
        "/sync/dismiss/private/secret.txt", "/system", "/system/health", "/admin", "/admin/users", "/admin/keys", "/console", "/",
    ];

    /// <summary>The JSON routes (method, path) whose bodies the suite corrupts.</summary>
    private static readonly (string Method, string Path)[] JsonRoutes =
    [
        ("POST", "/auth/token"), ("POST", "/auth/refresh"), ("POST", "/auth/keys"), ("POST", "/auth/keys/admin"),
        ("PATCH", "/auth/keys/admin/" + Guid.Empty), ("PUT", "/links/sandbox/jl"), ("PATCH", "/files/sandbox/existing.txt"),
        ("PATCH", "/files/private/secret.txt"), ("POST", "/sync/diff"), ("POST", "/sync/chunks"), ("POST", "/sync/peers"),
        ("POST", "/sync/join"), ("POST", "/sync/conflicts/private/secret.txt"), ("POST", "/sync/resolve/sandbox/existing.txt"),
        ("POST", "/sync/trigger"), ("PATCH", "/files/sandbox/data.json"),
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json", "application/merge-patch+json", "text/plain", "application/json; charset=utf-16",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=\"", "*/*",
    ];

    private readonly Random _random = new(seed);

    /// <summary>The next <paramref name="count"/> requests.</summary>
    public IEnumerable<HostileRequest> Take(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Next();
        }
    }

    private HostileRequest Next()
    {
        var request = _random.Next(100) switch
        {
            < 25 => FilePath(),
            < 32 => Link(),
            < 40 => Blob(),
            < 60 => JsonRoute(),
            < 75 => AnyMethod(),
            < 85 => Listing(),
            < 92 => SyncRead(),
            _ => Oversized(),
        };
        return WithCaller(request);
    }

    private HostileRequest FilePath()
    {
        var method = HostilePaths.Pick(_random, ["GET", "HEAD", "PUT", "PUT", "DELETE", "PATCH"]);
        var body = method is "PUT" or "PATCH" ? Encoding.UTF8.GetBytes(method == "PUT" ? "<html><script>alert(1)</script></html>" : "{\"to\":\"/private/moved.txt\"}") : null;
        var type = method == "PUT" ? HostilePaths.Pick(_random, new string?[] { "text/html", null, "image/svg+xml", "application/octet-stream" }) : body is null ? null : "application/json";
        return new HostileRequest("path", HostileCaller.Anonymous, method, HostilePaths.Next(_random, "/files"), body, type) { MayBeRefusedByServer = true };
    }

    private HostileRequest Link()
    {
        var method = HostilePaths.Pick(_random, ["PUT", "PUT", "GET", "DELETE"]);
        var target = HostilePaths.Pick(_random, ["/private/secret.txt", "/.aeordb-system/config/jwt_signing_key", "/sandbox/../../x", "/sandbox/link", "\u0001", ""]);
        var body = method == "PUT" ? Encoding.UTF8.GetBytes($"{{\"target\":\"{target.Replace("\u0001", "\\u0001", StringComparison.Ordinal)}\"}}") : null;
        return new HostileRequest("link", HostileCaller.Anonymous, method, HostilePaths.Next(_random, "/links"), body, body is null ? null : "application/json") { MayBeRefusedByServer = true };
    }

    private HostileRequest Blob()
    {
        var id = _random.Next(4) switch
        {
            0 when hashes.Count > 0 => HostilePaths.Pick(_random, hashes),
            1 when hashes.Count > 0 => HostilePaths.Pick(_random, hashes).ToUpperInvariant(),
            2 => HostilePaths.Pick(_random, ["", "0", new string('g', 64), new string('0', 63), new string('f', 65), "%00", "..%2f..%2fprivate", new string('a', 5000)]),
            _ => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
        };
        var method = _random.Next(5) == 0 ? HostilePaths.Pick(_random, Methods) : "GET";
        return new HostileRequest("blob", HostileCaller.Anonymous, method, "/blobs/" + id, null, null);
    }

    private HostileRequest JsonRoute()
    {
        var (method, path) = HostilePaths.Pick(_random, JsonRoutes);
        return new HostileRequest("json", HostileCaller.Anonymous, method, path, HostileBodies.Next(_random), HostilePaths.Pick(_random, ContentTypes));
    }

    private HostileRequest AnyMethod()
    {
        var method = HostilePaths.Pick(_random, Methods);
        var body = _random.Next(3) == 0 ? HostileBodies.Next(_random) : null;
        return new HostileRequest("method", HostileCaller.Anonymous, method, HostilePaths.Pick(_random, Families), body, body is null ? null : "application/json");
    }

    private HostileRequest Listing()
    {
        string[] queries =
        [
            "glob=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("{a,b}", _random.Next(1, 14)))),
            "glob=" + new string('*', _random.Next(1, 3000)), "glob=%5B", "glob=%7B", "glob=**%2F.aeordb-system%2F**",
            "depth=-99999999999", "depth=abc", "depth=257", "limit=-1", "limit=99999999999", "offset=-5", "limit=0&offset=1e9",
            "version=" + new string('0', 64), "version=zz", "snapshot=..%2F..%2F", "sort=%00&order=sideways", "nofollow=maybe",
            "token=" + Uri.EscapeDataString("not a token"),
        ];
        var query = HostilePaths.Pick(_random, queries);
        var directory = HostilePaths.Pick(_random, ["/files/", "/files/sandbox/", "/files/private/", "/files/public/", "/files/.aeordb-system/"]);
        return new HostileRequest("listing", HostileCaller.Anonymous, "GET", directory + "?" + query, null, null);
    }

    private HostileRequest SyncRead()
    {
        var route = HostilePaths.Pick(_random, ["/sync/diff", "/sync/chunks"]);
        var body = route == "/sync/chunks"
            ? $"{{\"hashes\":[{string.Join(',', hashes.Select(h => $"\"{h}\""))}]}}"
            : HostilePaths.Pick(_random, ["{}", "{\"paths\":[\"**\"]}", "{\"paths\":[\"/private/**\"]}", "{\"paths\":[\"/.aeordb-system/**\"]}"]);
        return new HostileRequest("sync read", HostileCaller.Anonymous, "POST", route, Encoding.UTF8.GetBytes(body), "application/json");
    }

    private HostileRequest Oversized()
    {
        return _random.Next(4) switch
        {
            0 => new HostileRequest("big header", HostileCaller.Anonymous, "GET", "/files/public/readme.txt", null, null)
            {
                Headers = [new("X-Big", new string('h', _random.Next(40_000, 70_000)))],
                MayBeRefusedByServer = true,
            },
            1 => new HostileRequest("many headers", HostileCaller.Anonymous, "GET", "/system/health", null, null)
            {
                Headers = [.. Enumerable.Range(0, _random.Next(120, 200)).Select(i => new KeyValuePair<string, string>("X-H" + i.ToString(CultureInfo.InvariantCulture), "v"))],
                MayBeRefusedByServer = true,
            },
            2 => new HostileRequest("big json", HostileCaller.Anonymous, "POST", HostilePaths.Pick(_random, ["/auth/keys", "/sync/diff", "/auth/token", "/sync/chunks"]), Encoding.UTF8.GetBytes("{\"label\":\"" + new string('x', (1 << 20) + 10) + "\"}"), "application/json")
            {
                MayBeRefusedByServer = true,
            },
            _ => new HostileRequest("big permissions file", HostileCaller.Anonymous, "PUT", "/files/sandbox/.aeordb-permissions", Encoding.UTF8.GetBytes("{\"links\":[" + string.Join(',', Enumerable.Repeat("{\"group\":\"g\",\"allow\":\"crudlify\"}", 4000)) + "]}"), "application/json")
            {
                MayBeRefusedByServer = true,
            },
        };
    }

    private HostileRequest WithCaller(HostileRequest request)
    {
        var caller = (HostileCaller)_random.Next(4);
        if (caller != HostileCaller.Forged)
        {
            return request with { Caller = caller, TokenInQuery = caller != HostileCaller.Anonymous && _random.Next(6) == 0 };
        }

        var (name, token) = HostilePaths.Pick(_random, forged);
        return request with { Caller = caller, Kind = $"{request.Kind}, forged: {name}", ForgedToken = token, TokenInQuery = _random.Next(4) == 0 };
    }
}
