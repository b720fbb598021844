using System.Net;
using System.Text.Json;
using AeorDb.Tests.Http.Sync;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Cluster;

/// <summary>CONTRACT §2 and §5.4: <c>aeordb start --join</c> between two real processes.</summary>
public sealed class ClusterJoinTests
{
    private const string JoinLine = "Cluster join complete. Adopting shared signing key.";
    private const string AdvertisedB = "https://node-b.test:6830";

    [Fact]
    public async Task Join_TwoNodes_ShareTheKeyListEachOtherAndStayJoinedAcrossRestarts()
    {
        await using var a = await AeorDbNode.StartAsync();
        var memberUrl = a.BaseUrl.ToString().TrimEnd('/');
        await using var b = await AeorDbNode.StartAsync(new NodeOptions
        {
            ExtraArguments = ["--join", memberUrl + "/", "--join-token", a.RootKey!, "--advertise-url", AdvertisedB],
        });

        // The join line sits after "Listening on" and before the joiner's own root key block.
        var stdout = b.Output.Stdout.ToList();
        var join = stdout.IndexOf(JoinLine);
        Assert.True(join > 0, $"No join line in:\n{b.Output.StdoutText}");
        Assert.StartsWith("Listening on ", stdout[join - 1]);
        Assert.StartsWith("=====", stdout[join + 1]);
        Assert.Contains("ROOT API KEY", stdout[join + 2]);
        Assert.NotNull(b.RootKey);

        // One signing key: B stored A's seed, so a root JWT signed on either node verifies on the other.
        // (Tokens from POST /auth/token also carry a key_id, which each node checks against its own key
        // records; those records reach the other node with replication, so a key-less root JWT is used here.)
        var seed = PeerTokens.ReadSigningSeed(a);
        Assert.Equal(seed, PeerTokens.ReadSigningSeed(b));
        var tokenA = PeerTokens.Mint(seed, scope: null);
        var tokenB = PeerTokens.Mint(PeerTokens.ReadSigningSeed(b), scope: null);
        await Expect.StatusAsync(await b.WithToken(tokenA).GetAsync("/files/"), HttpStatusCode.OK);
        await Expect.StatusAsync(await a.WithToken(tokenB).GetAsync("/files/"), HttpStatusCode.OK);
        await Expect.StatusAsync(await b.WithToken(await b.RootTokenAsync()).GetAsync("/files/"), HttpStatusCode.OK);

        // A lists B at its advertised URL; B lists A under A's real node id.
        var rootA = a.WithToken(tokenA);
        var rootB = b.WithToken(tokenB);
        var statusA = await Expect.JsonAsync(await rootA.GetAsync("/sync/status"), HttpStatusCode.OK);
        var idA = statusA.GetProperty("node_id").GetUInt64();
        var peerOfA = Assert.Single(Items(await Expect.JsonAsync(await rootA.GetAsync("/sync/peers"), HttpStatusCode.OK)));
        Assert.Equal(AdvertisedB, peerOfA.GetProperty("address").GetString());
        Assert.NotEqual(0UL, peerOfA.GetProperty("node_id").GetUInt64());
        Assert.Equal(1, statusA.GetProperty("peer_count").GetInt32());

        var peerOfB = Assert.Single(Items(await Expect.JsonAsync(await rootB.GetAsync("/sync/peers"), HttpStatusCode.OK)));
        Assert.Equal(idA, peerOfB.GetProperty("node_id").GetUInt64());
        Assert.Equal(memberUrl, peerOfB.GetProperty("address").GetString());
        Assert.Equal("Join target", peerOfB.GetProperty("label").GetString());
        Assert.Contains(peerOfB.GetProperty("state").GetString(), new[] { "disconnected", "honeymoon", "active" });

        // One-shot: a restart without --join keeps the peer and the adopted key.
        await b.StopAsync();
        await b.RestartAsync([]);
        await WaitForLineAsync(b, l => l.StartsWith("Listening on ", StringComparison.Ordinal));
        await Expect.StatusAsync(await b.WithToken(tokenA).GetAsync("/files/"), HttpStatusCode.OK);
        var afterRestart = Assert.Single(Items(await Expect.JsonAsync(await b.WithToken(tokenA).GetAsync("/sync/peers"), HttpStatusCode.OK)));
        Assert.Equal(idA, afterRestart.GetProperty("node_id").GetUInt64());
        Assert.DoesNotContain(JoinLine, b.Output.Stdout);

        // --peers is idempotent by address across restarts (a trailing slash names the same address).
        string[] withPeers = ["--peers", "https://node-c.test:6830,https://node-d.test:6830/"];
        await b.StopAsync();
        await b.RestartAsync(withPeers);
        await WaitForLineAsync(b, l => l == "Registered 2 peer(s) from --peers");
        var firstIds = PeerIds(await Expect.JsonAsync(await b.WithToken(tokenA).GetAsync("/sync/peers"), HttpStatusCode.OK));
        await b.StopAsync();
        await b.RestartAsync(withPeers);
        await WaitForLineAsync(b, l => l == "Registered 2 peer(s) from --peers");
        var secondIds = PeerIds(await Expect.JsonAsync(await b.WithToken(tokenA).GetAsync("/sync/peers"), HttpStatusCode.OK));
        Assert.Equal(3, firstIds.Count);
        Assert.Equal(firstIds, secondIds);
    }

    [Fact]
    public async Task Join_WrongTokenOrClosedPort_ExitsNonZeroWithAClearMessage()
    {
        await using var a = await AeorDbNode.StartAsync();
        var wrongKey = "aeor_k_" + a.RootKey!["aeor_k_".Length..^64] + new string('0', 64);

        var refused = await RunJoinAsync(a.BaseUrl.ToString(), wrongKey);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("cluster join failed", refused.Log.StderrText);
        Assert.Contains("refused the --join-token", refused.Log.StderrText);
        Assert.DoesNotContain(JoinLine, refused.Log.Stdout);

        var closed = await RunJoinAsync($"http://127.0.0.1:{FreePort.Next()}", a.RootKey!);
        Assert.NotEqual(0, closed.ExitCode);
        Assert.Contains("cluster join failed: cannot reach", closed.Log.StderrText);
    }

    private static async Task<CliRun> RunJoinAsync(string member, string token)
    {
        using var directory = new TempDirectory();
        return await CliRun.RunAsync(
            directory.Path,
            ["start", "-D", directory.Combine("node.aeordb"), "--host", "127.0.0.1", "--port", FreePort.Next().ToString(),
             "--silo-port", FreePort.Next().ToString(), "--gateway-port", FreePort.Next().ToString(),
             "--join", member, "--join-token", token, "--advertise-url", AdvertisedB],
            timeout: TimeSpan.FromSeconds(120));
    }

    /// <summary>The banner prints just after the node turns healthy: wait for the line rather than race it.</summary>
    private static async Task WaitForLineAsync(AeorDbNode node, Func<string, bool> match)
    {
        var seen = await Poll.UntilAsync(() => node.Output.Stdout.Any(match), TimeSpan.FromSeconds(30));
        Assert.True(seen, $"Expected line not printed:\n{node.Output.StdoutText}");
    }

    private static IEnumerable<JsonElement> Items(JsonElement body) => body.GetProperty("items").EnumerateArray();

    private static List<ulong> PeerIds(JsonElement body) => [.. Items(body).Select(p => p.GetProperty("node_id").GetUInt64())];
}
