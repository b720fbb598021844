using System.Net;
using System.Text.Json;
using AeorDb.Tests.Http.Sync;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Cluster;

/// <summary>
/// Three real nodes in a line, A–B–C (B joined A, C joined B): writes travel the whole line through B, every node
/// lists its peers under their real node ids (learned from heartbeats), a restarted node returns through the
/// honeymoon and catches up, <c>--peers</c> never duplicates a peer, and a peer is removed by its real id.
/// </summary>
public sealed class ClusterLineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    // Fast heartbeats and loops; a loose jitter bound, since the test machine is shared and busy.
    private static readonly string[] FastPeers =
    [
        "--heartbeat-interval-ms", "100", "--honeymoon-samples", "3", "--honeymoon-max-jitter-ms", "2000",
        "--sync-interval-ms", "500", "--sync-debounce-ms", "50",
    ];

    [Fact]
    public async Task Line_ThreeNodes_ConvergeUnderRealIds_RestartedNodeCatchesUp_PeersFlagNeverDuplicates()
    {
        await using var a = await AeorDbNode.StartAsync(new NodeOptions { AdvertiseSelf = true, ExtraArguments = FastPeers });
        await using var b = await AeorDbNode.StartAsync(new NodeOptions { AdvertiseSelf = true, ExtraArguments = [.. FastPeers, .. JoinArguments(a)] });
        await using var c = await AeorDbNode.StartAsync(new NodeOptions { AdvertiseSelf = true, ExtraArguments = [.. FastPeers, .. JoinArguments(b)] });
        var root = PeerTokens.Mint(PeerTokens.ReadSigningSeed(a), scope: null);
        var (rootA, rootB, rootC) = (a.WithToken(root), b.WithToken(root), c.WithToken(root));
        var (idA, idB, idC) = (await NodeIdAsync(rootA), await NodeIdAsync(rootB), await NodeIdAsync(rootC));

        // Every node lists its neighbours under their real ids, and all links turn active.
        Assert.True(await Poll.UntilAsync(() => ActivePeersAreAsync(rootA, idB), Deadline), "A: " + await PeersTextAsync(rootA) + a.Output.StderrText);
        Assert.True(await Poll.UntilAsync(() => ActivePeersAreAsync(rootB, idA, idC), Deadline), "B: " + await PeersTextAsync(rootB) + b.Output.StderrText);
        Assert.True(await Poll.UntilAsync(() => ActivePeersAreAsync(rootC, idB), Deadline), "C: " + await PeersTextAsync(rootC) + c.Output.StderrText);
        var statusB = await Expect.JsonAsync(await rootB.GetAsync("/sync/status"), HttpStatusCode.OK);
        Assert.Equal(2, statusB.GetProperty("peer_count").GetInt32());
        Assert.Equal(new[] { idA, idC }.Order(), statusB.GetProperty("peers").EnumerateArray().Select(p => p.GetProperty("node_id").GetUInt64()).Order());

        // Writes at both ends reach every node through B; a delete at one end disappears at the other.
        await rootA.PutTextAsync("/line/from-a.txt", "written on A");
        await rootC.PutTextAsync("/line/from-c.txt", "written on C");
        foreach (var (name, node) in new[] { ("A", rootA), ("B", rootB), ("C", rootC) })
        {
            Assert.True(await Poll.UntilAsync(() => HasTextAsync(node, "/line/from-a.txt", "written on A"), Deadline), $"A's write never reached {name}");
            Assert.True(await Poll.UntilAsync(() => HasTextAsync(node, "/line/from-c.txt", "written on C"), Deadline), $"C's write never reached {name}");
        }

        await Expect.StatusAsync(await rootC.DeleteAsync("/files/line/from-a.txt"), HttpStatusCode.OK);
        Assert.True(await Poll.UntilAsync(() => IsGoneAsync(rootA, "/line/from-a.txt"), Deadline), "C's delete never reached A");
        Assert.True(await Poll.UntilAsync(() => SameRootAsync(rootA, rootB, rootC), Deadline), "The three nodes never converged on one root hash");

        // C goes down; A writes; C restarts with --peers naming B twice (B is already its peer from the join).
        await c.KillAsync();
        await rootA.PutTextAsync("/line/while-c-down.txt", "written while C was down");
        var addressB = b.BaseUrl.ToString().TrimEnd('/');
        string[] withPeers = [.. FastPeers, "--peers", $"{addressB},{addressB}/"];
        await c.RestartAsync(withPeers);
        Assert.True(await Poll.UntilAsync(() => HasTextAsync(rootC, "/line/while-c-down.txt", "written while C was down"), Deadline), "The restarted C never caught up:\n" + c.Output.StderrText);
        Assert.True(await Poll.UntilAsync(() => ActivePeersAreAsync(rootC, idB), Deadline), "C: " + await PeersTextAsync(rootC));
        Assert.Contains($"Peer {addressB}: connected, honeymoon started", c.Output.StderrText + c.Output.StdoutText);
        Assert.Contains("Registered 1 peer(s) from --peers", c.Output.Stdout);
        Assert.True(await Poll.UntilAsync(() => ActivePeersAreAsync(rootB, idA, idC), Deadline), "B never saw the restarted C active: " + await PeersTextAsync(rootB));

        // The same --peers again on the next restart changes nothing.
        await c.StopAsync();
        await c.RestartAsync(withPeers);
        var peersOfC = (await Expect.JsonAsync(await rootC.GetAsync("/sync/peers"), HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal(idB, Assert.Single(peersOfC.EnumerateArray()).GetProperty("node_id").GetUInt64());

        // B removes C by C's real id.
        var removed = await Expect.JsonAsync(await rootB.DeleteAsync($"/sync/peers/{idC}"), HttpStatusCode.OK);
        Assert.Equal(idC, removed.GetProperty("node_id").GetUInt64());
        var peersOfB = (await Expect.JsonAsync(await rootB.GetAsync("/sync/peers"), HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal(idA, Assert.Single(peersOfB.EnumerateArray()).GetProperty("node_id").GetUInt64());
    }

    private static string[] JoinArguments(AeorDbNode member) =>
        ["--join", member.BaseUrl.ToString().TrimEnd('/'), "--join-token", member.RootKey!];

    private static async Task<ulong> NodeIdAsync(ApiClient client) =>
        (await Expect.JsonAsync(await client.GetAsync("/sync/status"), HttpStatusCode.OK)).GetProperty("node_id").GetUInt64();

    /// <summary>True when the node lists exactly <paramref name="ids"/> as its peers, all active.</summary>
    private static async Task<bool> ActivePeersAreAsync(ApiClient client, params ulong[] ids)
    {
        using var response = await client.GetAsync("/sync/peers");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return false;
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = document.RootElement.GetProperty("items").EnumerateArray().ToList();
        return items.Select(p => p.GetProperty("node_id").GetUInt64()).Order().SequenceEqual(ids.Order())
            && items.All(p => p.GetProperty("state").GetString() == "active");
    }

    private static async Task<string> PeersTextAsync(ApiClient client)
    {
        using var response = await client.GetAsync("/sync/peers");
        return await response.Content.ReadAsStringAsync() + "\n";
    }

    private static async Task<bool> SameRootAsync(params ApiClient[] clients)
    {
        var roots = new HashSet<string>();
        foreach (var client in clients)
        {
            var diff = await Expect.JsonAsync(await client.PostJsonAsync("/sync/diff", new { paths = new[] { "/no-such-path" } }), HttpStatusCode.OK);
            roots.Add(diff.GetProperty("root_hash").GetString()!);
        }

        return roots.Count == 1;
    }

    private static async Task<bool> HasTextAsync(ApiClient client, string path, string expected)
    {
        using var response = await client.GetAsync("/files" + path);
        return response.StatusCode == HttpStatusCode.OK && await response.Content.ReadAsStringAsync() == expected;
    }

    private static async Task<bool> IsGoneAsync(ApiClient client, string path)
    {
        using var response = await client.GetAsync("/files" + path);
        return response.StatusCode == HttpStatusCode.NotFound;
    }
}
