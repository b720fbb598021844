using System.Net;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.ClientCli;

/// <summary>The client commands of the aeordb binary against a real node: tables, --json, errors and exit codes (0 ok, 1 failed, 2 usage, 3 auth).</summary>
public sealed class ClientCliTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task Status_RootKey_PrintsNodeTable()
    {
        using var cli = new CliHarness(Node.BaseUrl, Node.RootKey);
        var node = await Expect.JsonAsync(await (await Node.RootAsync()).GetAsync("/system/node"), HttpStatusCode.OK);

        var stdout = CliHarness.Ok(await cli.RunAsync("status"));

        Assert.Matches($@"(?m)^Node\s+{node.GetProperty("node_id").GetRawText()}$", stdout);
        Assert.Matches($@"(?m)^Version\s+{node.GetProperty("version").GetString()}$", stdout);
        Assert.Matches(@"(?m)^Uptime\s+\d", stdout);
        Assert.Matches(@"(?m)^Database\s+[\d.]+ [KMG]?i?B \(sqlite\)$", stdout);
        Assert.Matches(@"(?m)^Disk\s+\d+% used", stdout);
    }

    [Fact]
    public async Task Status_Json_PrintsNodeAndSyncBodies()
    {
        using var cli = new CliHarness(Node.BaseUrl, Node.RootKey);

        var body = await cli.JsonAsync("status");

        Assert.Equal(body.GetProperty("sync").GetProperty("node_id").GetUInt64(), body.GetProperty("node").GetProperty("node_id").GetUInt64());
        Assert.True(body.GetProperty("node").GetProperty("uptime_ms").GetInt64() > 0);
    }

    [Fact]
    public async Task Peers_AddListRemove_ChangesTheNodesPeerList()
    {
        using var cli = new CliHarness(Node.BaseUrl, Node.RootKey);
        var root = await Node.RootAsync();

        var added = CliHarness.Ok(await cli.RunAsync("peers", "add", "http://127.0.0.1:9", "--label", "offline", "--sync-path", "/docs/**"));
        var id = Assert.Single((await Expect.JsonAsync(await root.GetAsync("/sync/peers"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()).GetProperty("node_id").GetUInt64();
        Assert.Equal($"Added peer {id} at http://127.0.0.1:9 (disconnected).", added.Trim());

        var table = CliHarness.Ok(await cli.RunAsync("peers", "list"));
        Assert.Matches(@"^NODE ID\s+ADDRESS\s+LABEL\s+STATE\s+LAST SYNC\s+FAILURES\s+LAST ERROR", table);
        Assert.Matches($@"(?m)^{id}\s+http://127\.0\.0\.1:9\s+offline\s+(disconnected|honeymoon)\s", table);
        var json = await cli.JsonAsync("peers", "list");
        Assert.Equal(id, Assert.Single(json.GetProperty("items").EnumerateArray()).GetProperty("node_id").GetUInt64());

        Assert.Equal($"Removed peer {id}.", CliHarness.Ok(await cli.RunAsync("peers", "remove", id.ToString())).Trim());
        Assert.Equal("No peers.", CliHarness.Ok(await cli.RunAsync("peers", "list")).Trim());
        var again = CliHarness.Fails(await cli.RunAsync("peers", "remove", id.ToString()), 1);
        Assert.Equal($"aeordb: DELETE /sync/peers/{id}: 404 Peer not found: {id}", again);
    }

    [Fact]
    public async Task Peers_RemoveNotANumber_ExitsTwo()
    {
        using var cli = new CliHarness(Node.BaseUrl, Node.RootKey);

        var line = CliHarness.Fails(await cli.RunAsync("peers", "remove", "bob"), 2);

        Assert.Contains("'aeordb peers remove --help'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncTrigger_NoPeers_PrintsCountsAndJson()
    {
        using var cli = new CliHarness(Node.BaseUrl, Node.RootKey);

        Assert.Equal("Synced 0, failed 0, skipped 0.", CliHarness.Ok(await cli.RunAsync("sync", "trigger")).Trim());
        var json = await cli.JsonAsync("sync", "trigger", "--force-activate");
        Assert.Equal(0, json.GetProperty("peers_synced").GetInt32());
        Assert.Equal(0, json.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Conflicts_NoneOpen_ListsNothing_ResolveAndDismissExitOne()
    {
        using var cli = new CliHarness(Node.BaseUrl, Node.RootKey);

        Assert.Equal("No conflicts.", CliHarness.Ok(await cli.RunAsync("conflicts", "list")).Trim());
        Assert.Equal(0, (await cli.JsonAsync("conflicts", "list")).GetProperty("items").GetArrayLength());
        Assert.Equal("aeordb: POST /sync/conflicts/docs/a%20b.txt: 404 No conflict found for path: /docs/a b.txt",
            CliHarness.Fails(await cli.RunAsync("conflicts", "resolve", "/docs/a b.txt"), 1));
        Assert.Equal("aeordb: POST /sync/dismiss/docs/x.txt: 404 No conflict found for path: /docs/x.txt",
            CliHarness.Fails(await cli.RunAsync("conflicts", "dismiss", "docs/x.txt"), 1));
    }

    [Fact]
    public async Task Conflicts_ResolveBadPick_ExitsTwoWithoutCallingTheNode()
    {
        using var cli = new CliHarness(Node.BaseUrl, Node.RootKey);

        var line = CliHarness.Fails(await cli.RunAsync("conflicts", "resolve", "/a.txt", "--pick", "neither"), 2);

        Assert.Contains("'winner'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_CreateListRevoke_NewKeyWorksUntilRevoked()
    {
        using var cli = new CliHarness(Node.BaseUrl, Node.RootKey);

        var created = await cli.JsonAsync("keys", "create", "--label", "reports-reader", "--rule", "/reports/**=-r--l---", "--expires-in-days", "30");
        var keyId = created.GetProperty("key_id").GetString()!;
        var key = created.GetProperty("key").GetString()!;
        Assert.StartsWith("aeor_k_", key, StringComparison.Ordinal);
        Assert.Equal("/reports/**", Assert.Single(created.GetProperty("rules").EnumerateArray()).GetProperty("glob").GetString());

        using var asNewKey = new CliHarness(Node.BaseUrl, apiKey: null);
        var environment = new Dictionary<string, string?> { ["AEORDB_API_KEY"] = key };
        var own = CliHarness.Ok(await asNewKey.RunAsync(["keys", "list"], environment));
        Assert.Matches($@"(?m)^{keyId}\s+root\s+reports-reader\s+\S+\s+[\d-]+ [\d:]+\s+no\s+/reports/\*\*=-r--l---$", own);
        var denied = CliHarness.Fails(await asNewKey.RunAsync(["peers", "list"], environment), 3);
        Assert.StartsWith("aeordb: GET /sync/peers: 403 root access required", denied, StringComparison.Ordinal);

        Assert.Equal($"Revoked key {keyId}.", CliHarness.Ok(await cli.RunAsync("keys", "revoke", keyId)).Trim());
        var refused = CliHarness.Fails(await asNewKey.RunAsync(["keys", "list"], environment), 3);
        Assert.StartsWith("aeordb: the API key was refused", refused, StringComparison.Ordinal);
        var listed = await cli.JsonAsync("keys", "list");
        Assert.True(listed.EnumerateArray().Single(k => k.GetProperty("key_id").GetString() == keyId).GetProperty("is_revoked").GetBoolean());
        var everyone = await cli.JsonAsync("keys", "list", "--all");
        Assert.Contains(everyone.GetProperty("items").EnumerateArray(), k => k.GetProperty("key_id").GetString() == keyId);
        Assert.Matches($@"(?m)^{keyId}\s+root\s+reports-reader\s.*\byes\s", CliHarness.Ok(await cli.RunAsync("keys", "list", "--all")));
    }

    [Fact]
    public async Task Keys_CreateHumanOutput_ShowsTheKeyOnce()
    {
        using var cli = new CliHarness(Node.BaseUrl, Node.RootKey);

        var stdout = CliHarness.Ok(await cli.RunAsync("keys", "create", "--label", "ci"));

        Assert.Matches(@"(?m)^Key\s+aeor_k_[0-9a-f]{16}_[0-9a-f]{64}$", stdout);
        Assert.Contains("The key is shown once; save it now.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_BadRule_ExitsTwo_BadKeyId_ExitsTwo()
    {
        using var cli = new CliHarness(Node.BaseUrl, Node.RootKey);

        Assert.Contains("GLOB=FLAGS", CliHarness.Fails(await cli.RunAsync("keys", "create", "--rule", "/docs/**"), 2), StringComparison.Ordinal);
        Assert.Contains("UUID", CliHarness.Fails(await cli.RunAsync("keys", "revoke", "not-a-uuid"), 2), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_NoKey_ExitsThreeNamingTheKeyOptions()
    {
        using var cli = new CliHarness(Node.BaseUrl, apiKey: null);

        var line = CliHarness.Fails(await cli.RunAsync("status"), 3);

        Assert.Equal("aeordb: GET /system/node: 401 Missing or invalid Authorization header (pass --api-key-file or set AEORDB_API_KEY)", line);
    }

    [Fact]
    public async Task Status_AuthDisabledNodeWithoutKey_Works()
    {
        await using var open = await AeorDbNode.StartAsync(new NodeOptions { Auth = "disabled", ExpectRootKey = false });
        using var cli = new CliHarness(open.BaseUrl, apiKey: null);

        var body = await cli.JsonAsync("status");

        Assert.Equal(0, body.GetProperty("sync").GetProperty("peer_count").GetInt32());
    }

    [Fact]
    public async Task AnyCommand_UrlWithPrefix_KeepsThePrefix()
    {
        using var cli = new CliHarness(new Uri(Node.BaseUrl, "/behind/a/proxy/"), Node.RootKey);

        var line = CliHarness.Fails(await cli.RunAsync("peers", "list"), 1);

        // The node itself has no such prefix, so the token exchange under it is an unknown route.
        Assert.Equal("aeordb: POST /auth/token: 404 Not Found", line);
    }

    [Fact]
    public async Task AnyCommand_UnknownKey_ExitsThree()
    {
        using var cli = new CliHarness(Node.BaseUrl, "aeor_k_0000000000000000_" + new string('0', 64));

        var line = CliHarness.Fails(await cli.RunAsync("peers", "list"), 3);

        Assert.StartsWith("aeordb: the API key was refused: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_NodeUnreachable_ExitsOne()
    {
        using var cli = new CliHarness(new Uri($"http://127.0.0.1:{FreePort.Next()}/"), Node.RootKey);

        var line = CliHarness.Fails(await cli.RunAsync("conflicts", "list"), 1);

        Assert.StartsWith("aeordb: cannot reach http://127.0.0.1:", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "peers" }, "(see 'aeordb peers --help')")]
    [InlineData(new[] { "peers", "list", "--no-such-flag" }, "--no-such-flag")]
    [InlineData(new[] { "status", "--url", "ftp://example" }, "--url must be an http:// or https:// URL")]
    [InlineData(new[] { "status", "--api-key-file", "/nonexistent/key" }, "cannot read --api-key-file")]
    public async Task AnyCommand_BadUsage_ExitsTwoWithOneLine(string[] arguments, string expected)
    {
        using var directory = new TempDirectory();

        var run = await CliRun.RunAsync(directory.Path, arguments, new Dictionary<string, string?> { ["AEORDB_API_KEY"] = null });

        Assert.Contains(expected, CliHarness.Fails(run, 2), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsClientCommands_ExitsZero()
    {
        using var directory = new TempDirectory();

        var run = await CliRun.RunAsync(directory.Path, ["--help"]);

        var stdout = CliHarness.Ok(run);
        foreach (var command in new[] { "start", "status", "peers", "sync", "conflicts", "keys", "gc" })
        {
            Assert.Matches($@"(?m)^\s+{command}\s", stdout);
        }
    }
}
