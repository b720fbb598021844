using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AeorDb.Tests.Http.Auth;
using AeorDb.Tests.Http.Sync;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Security.Adversarial;

/// <summary>
/// The adversarial suite (issue "seeded generator of hostile requests"): a real node, three callers (anonymous, a key
/// scoped to write only under <c>/sandbox/**</c>, a non-root user allowed to write under <c>/sandbox</c>) and forged
/// JWTs send hundreds of seeded hostile requests. Every answer is checked (<see cref="HostileAnswerCheck"/>), the node
/// must be healthy and serve a normal read and write afterwards, and a root snapshot of every file and key taken
/// before and after must match outside <c>/sandbox</c> (keys and refresh tokens a caller creates for itself aside).
/// The seed is printed in every failure; set <see cref="SeedVariable"/> to replay one.
/// </summary>
public sealed class AdversarialSuiteTests : IAsyncLifetime
{
    /// <summary>Environment variable that overrides the seed.</summary>
    public const string SeedVariable = "AEORDB_ADVERSARIAL_SEED";

    /// <summary>Environment variable that overrides how many requests are sent.</summary>
    public const string CountVariable = "AEORDB_ADVERSARIAL_COUNT";

    private const int DefaultSeed = 20261206;
    private const int DefaultCount = 600;
    private const string Sandbox = "/sandbox";

    private static readonly string[] AppendOnly = ["/.aeordb-system/api-keys/", "/.aeordb-system/refresh-tokens/"];

    private AeorDbNode _node = null!;

    public async Task InitializeAsync() => _node = await AeorDbNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task HostileRequests_FromEveryCaller_NoServerErrorNoLeakNoChangeOutsideTheSandbox()
    {
        var seed = Setting(SeedVariable, DefaultSeed);
        var count = Setting(CountVariable, DefaultCount);
        var root = await _node.RootAsync();
        var world = await SeedWorldAsync(root);
        var before = await StoreSnapshot.TakeAsync(root);

        var generator = new HostileRequestGenerator(seed, new ForgedTokens(world.SigningSeed, world.UserToken).All(world.UserId), world.Hashes);
        var tokens = new Dictionary<HostileCaller, string?>
        {
            [HostileCaller.Anonymous] = null,
            [HostileCaller.ScopedKey] = world.ScopedToken,
            [HostileCaller.User] = world.UserToken,
            [HostileCaller.Forged] = null,
        };
        var check = new HostileAnswerCheck(world.Secrets);
        var problems = new List<string>();
        var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var sent = 0;
        using (var sender = new HostileSender(_node.BaseUrl, tokens))
        {
            var number = 0;
            foreach (var request in generator.Take(count))
            {
                number++;
                if (await sender.SendAsync(request) is not { } outcome)
                {
                    continue;
                }

                sent++;
                var status = outcome.Status is { } code ? ((int)code).ToString(CultureInfo.InvariantCulture) : "none";
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                problems.AddRange(check.Problems(request, outcome).Select(problem => $"#{number} {request}: {problem}"));
            }
        }

        var after = await StoreSnapshot.TakeAsync(root);
        problems.AddRange(after.ChangesOutside(before, Sandbox, AppendOnly).Select(change => "store " + change));
        problems.AddRange(await HealthProblemsAsync(root, world.ScopedToken));

        Assert.True(sent >= 500, $"seed {seed}: only {sent} of {count} requests could be sent");
        Assert.True(
            problems.Count == 0,
            $"seed {seed} ({SeedVariable}={seed} replays it), {sent} requests (statuses {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}), "
            + $"{problems.Count} problems:\n" + string.Join('\n', problems.Take(60)));
    }

    /// <summary>The files, callers and secrets the requests aim at.</summary>
    private async Task<World> SeedWorldAsync(ApiClient root)
    {
        var secret = "TOP-SECRET-" + Guid.NewGuid().ToString("N");
        var version = (await root.PutTextAsync("/private/secret.txt", secret)).GetProperty("hash").GetString()!;
        await root.PutTextAsync("/public/readme.txt", "public");
        await root.PutTextAsync(Sandbox + "/existing.txt", "sandbox file");
        await root.PutFileAsync(Sandbox + "/data.json", "{\"a\":1}"u8.ToArray(), "application/json");
        await root.PutFileAsync(Sandbox + "/.aeordb-permissions", Encoding.UTF8.GetBytes("{\"links\":[{\"group\":\"adversarial-nobody\",\"others_allow\":\"crudl---\"}]}"), "application/json");
        using (var link = await root.PutJsonAsync("/links" + Sandbox + "/link", new { target = "/private/secret.txt" }))
        {
            await Expect.StatusAsync(link, HttpStatusCode.Created);
        }

        var scopedKey = await root.CreateKeyAsync(new
        {
            label = "adversarial scoped",
            rules = new object[] { new Dictionary<string, string> { [Sandbox + "/**"] = "crudl---" }, new Dictionary<string, string> { ["/public/**"] = "-r--l---" } },
        });
        var scopedToken = (await _node.MintTokenAsync(scopedKey.GetProperty("key").GetString()!)).GetProperty("token").GetString()!;
        var userId = Guid.NewGuid().ToString();
        var userKey = await root.CreateKeyAsync(new { label = "adversarial user", user_id = userId });
        var userToken = (await _node.MintTokenAsync(userKey.GetProperty("key").GetString()!)).GetProperty("token").GetString()!;

        var signingSeed = PeerTokens.ReadSigningSeed(_node);
        var hashes = new List<string> { version };
        using (var diff = await root.PostJsonAsync("/sync/diff", new { }))
        {
            var body = await Expect.JsonAsync(diff, HttpStatusCode.OK);
            hashes.Add(body.GetProperty("root_hash").GetString()!);
            foreach (var file in body.GetProperty("changes").GetProperty("files_added").EnumerateArray())
            {
                var path = file.GetProperty("path").GetString()!;
                if (path is "/private/secret.txt" or "/.aeordb-system/config/jwt_signing_key")
                {
                    hashes.Add(file.GetProperty("hash").GetString()!);
                    hashes.AddRange(file.GetProperty("chunk_hashes").EnumerateArray().Select(h => h.GetString()!));
                }
            }
        }

        var secretBytes = Encoding.UTF8.GetBytes(secret);
        (string, string)[] secrets =
        [
            ("the secret file's bytes", secret),
            ("the secret file's bytes in base64", Convert.ToBase64String(secretBytes)),
            ("the signing key in base64", Convert.ToBase64String(signingSeed)),
            ("the signing key in hex", Convert.ToHexStringLower(signingSeed)),
        ];
        return new World(scopedToken, userId, userToken, signingSeed, hashes, secrets);
    }

    /// <summary>The node must still be healthy and serve a normal write and read, for root and for the scoped key.</summary>
    private async Task<List<string>> HealthProblemsAsync(ApiClient root, string scopedToken)
    {
        var problems = new List<string>();
        using (var health = await _node.Anonymous.GetAsync("/system/health"))
        {
            var text = await health.Content.ReadAsStringAsync();
            if (health.StatusCode != HttpStatusCode.OK || JsonDocument.Parse(text).RootElement.GetProperty("status").GetString() != "healthy")
            {
                problems.Add($"health afterwards: {(int)health.StatusCode} {text}");
            }
        }

        foreach (var (name, client, path) in new[] { ("root", root, "/after/root.txt"), ("scoped key", _node.WithToken(scopedToken), Sandbox + "/after.txt") })
        {
            var content = $"{name} still works {Guid.NewGuid()}";
            using var put = await client.PutBytesAsync("/files" + path, Encoding.UTF8.GetBytes(content), "text/plain");
            using var get = await client.GetAsync("/files" + path);
            var read = await get.Content.ReadAsStringAsync();
            if (put.StatusCode != HttpStatusCode.Created || get.StatusCode != HttpStatusCode.OK || read != content)
            {
                problems.Add($"normal write and read as {name} afterwards: PUT {(int)put.StatusCode}, GET {(int)get.StatusCode} '{read}'");
            }
        }

        return problems;
    }

    private static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private sealed record World(string ScopedToken, string UserId, string UserToken, byte[] SigningSeed, IReadOnlyList<string> Hashes, IReadOnlyList<(string Name, string Marker)> Secrets);
}
