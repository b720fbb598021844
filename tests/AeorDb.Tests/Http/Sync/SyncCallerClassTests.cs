using System.Net;
using AeorDb.Tests.TestSupport;
using Xunit;
using static AeorDb.Tests.Http.Sync.SyncClient;

namespace AeorDb.Tests.Http.Sync;

/// <summary>
/// CONTRACT §5.1 caller classes on one node: root, a scoped key with rules (the product page's client-sync
/// example), a scoped user without rules, and a peer token signed with the node's key.
/// </summary>
public sealed class SyncCallerClassTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private const string SigningKeyPath = "/.aeordb-system/config/jwt_signing_key";
    private const string ScopedChunksMessage = "Scoped API keys (with path rules) cannot use /sync/chunks. Use /files/{path} for path-aware content access.";

    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task ScopedKey_ProductPageExample_SeesOnlyAssetsEvenWhenAskingForEverything()
    {
        var root = await Node.RootAsync();
        var unique = Guid.NewGuid().ToString("N");
        var asset = $"/assets/{unique}/logo.png";
        var secret = $"/private-{unique}/secret.txt";
        await root.PutFileAsync(asset, RandomBytes(64), "image/png");
        await root.PutTextAsync(secret, "secret");
        var client = await ScopedClientAsync(root, new object[] { new Dictionary<string, string> { ["/assets/**"] = "-r--l---" }, new Dictionary<string, string> { ["**"] = "--------" } });

        var full = await DiffAsync(client, new { paths = new[] { "**" } });
        await root.PutTextAsync($"/assets/{unique}/later.txt", "later");
        await root.PutTextAsync($"/private-{unique}/later.txt", "later");
        var incremental = await DiffAsync(client, new { since_root_hash = full.GetProperty("root_hash").GetString(), paths = new[] { "**" } });

        Assert.Contains(asset, Paths(full, "files_added"));
        Assert.All(AllPaths(full), p => Assert.StartsWith("/assets/", p));
        Assert.Equal([$"/assets/{unique}/later.txt"], AllPaths(incremental));
        SyncDiffTests.AssertChunksNeededMatchFiles(full);
    }

    [Fact]
    public async Task ScopedKey_Chunks_Returns403WithTheContractMessage()
    {
        var root = await Node.RootAsync();
        var client = await ScopedClientAsync(root, new object[] { new Dictionary<string, string> { ["/assets/**"] = "-r--l---" } });

        using var response = await client.PostJsonAsync("/sync/chunks", new { hashes = Array.Empty<string>() });

        await Expect.ErrorAsync(response, HttpStatusCode.Forbidden, message: ScopedChunksMessage);
    }

    [Fact]
    public async Task ScopedUserWithoutRulesOrGrants_SeesNothingAndGetsNoChunks()
    {
        var root = await Node.RootAsync();
        var d = TestPaths.Unique("sync-user");
        await root.PutTextAsync(d + "/x.txt", "user data");
        var rootDiff = await DiffAsync(root, new { });
        var systemChunk = Entry(rootDiff, "files_added", SigningKeyPath).GetProperty("chunk_hashes")[0].GetString()!;
        var dataChunk = Entry(rootDiff, "files_added", d + "/x.txt").GetProperty("chunk_hashes")[0].GetString()!;
        using var created = await root.PostJsonAsync("/auth/keys", new { label = "sync user", user_id = Guid.NewGuid().ToString() });
        var key = (await Expect.JsonAsync(created, HttpStatusCode.Created)).GetProperty("key").GetString()!;
        var user = Node.WithToken((await Node.MintTokenAsync(key)).GetProperty("token").GetString()!);

        var diff = await DiffAsync(user, new { paths = new[] { "**" } });
        var chunks = await ChunksAsync(user, [systemChunk, dataChunk]);

        Assert.Empty(AllPaths(diff));
        Assert.Empty(diff.GetProperty("chunk_hashes_needed").EnumerateArray());
        // The data chunk is referred to only by a path this user may not read (CONTRACT's security amendments).
        Assert.Empty(chunks);
    }

    [Fact]
    public async Task Root_ReceivesSystemEntriesAndSystemChunks()
    {
        var root = await Node.RootAsync();

        var diff = await DiffAsync(root, new { paths = new[] { "/.aeordb-system/**" } });
        var keyFile = Entry(diff, "files_added", SigningKeyPath);
        var chunks = await ChunksAsync(root, [keyFile.GetProperty("chunk_hashes")[0].GetString()!]);

        Assert.Contains(AllPaths(diff), p => p.StartsWith("/.aeordb-system/api-keys/", StringComparison.Ordinal));
        Assert.Equal(PeerTokens.ReadSigningSeed(Node), chunks.Single().Data);
    }

    [Fact]
    public async Task PeerToken_ReceivesSystemDataButIsRefusedOutsideThePeerRoutes()
    {
        var peer = Node.WithToken(await PeerTokens.ForNodeAsync(Node));

        var diff = await DiffAsync(peer, new { });
        using var files = await peer.GetAsync("/files/");
        using var keys = await peer.GetAsync("/auth/keys");

        Assert.Contains(SigningKeyPath, Paths(diff, "files_added"));
        await Expect.ErrorAsync(files, HttpStatusCode.Forbidden, message: "Token scope 'sync' cannot access this endpoint");
        await Expect.ErrorAsync(keys, HttpStatusCode.Forbidden, message: "Token scope 'sync' cannot access this endpoint");
    }

    [Fact]
    public async Task TokenSignedWithAnotherKey_Returns401()
    {
        var stranger = Node.WithToken(PeerTokens.Mint(RandomBytes(32)));

        using var response = await stranger.PostJsonAsync("/sync/diff", new { });

        await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    private async Task<ApiClient> ScopedClientAsync(ApiClient root, object[] rules)
    {
        using var created = await root.PostJsonAsync("/auth/keys", new { label = "Designer MacBook - assets only", rules });
        var key = (await Expect.JsonAsync(created, HttpStatusCode.Created)).GetProperty("key").GetString()!;
        return Node.WithToken((await Node.MintTokenAsync(key)).GetProperty("token").GetString()!);
    }
}
