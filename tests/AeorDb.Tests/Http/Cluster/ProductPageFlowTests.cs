using System.Net;
using System.Text.Json;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Cluster;

/// <summary>
/// The "Cluster Operations" page as a newcomer follows it, with two terminals: start A, start B with
/// <c>--join</c> and A's root key (and nothing else the page does not show, except fast intervals), then the page's
/// curl calls with tokens minted from each node's own root key.
/// </summary>
public sealed class ProductPageFlowTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static readonly string[] FastPeers =
    [
        "--heartbeat-interval-ms", "100", "--honeymoon-samples", "3", "--honeymoon-max-jitter-ms", "2000",
        "--sync-interval-ms", "500", "--sync-debounce-ms", "50",
    ];

    [Fact]
    public async Task Page_StartJoinMonitorReplicateTriggerAndAddPeer_WorkAsWritten()
    {
        await using var a = await AeorDbNode.StartAsync(new NodeOptions { Auth = "self", ExtraArguments = FastPeers });
        await using var b = await AeorDbNode.StartAsync(new NodeOptions
        {
            Auth = "self",
            ExtraArguments = [.. FastPeers, "--join", a.BaseUrl.ToString().TrimEnd('/'), "--join-token", a.RootKey!],
        });
        Assert.Contains("Cluster join complete. Adopting shared signing key.", b.Output.Stdout);
        Assert.Contains("no --advertise-url", b.Output.StderrText);
        var rootA = await a.RootAsync();
        var rootB = await b.RootAsync();

        // Both list each other (B at the default advertised address) and turn active; each lists the other's real id.
        var (idA, idB) = (await NodeIdAsync(rootA), await NodeIdAsync(rootB));
        Assert.True(await Poll.UntilAsync(() => OnlyPeerIsAsync(rootA, idB, "active"), Deadline), "A: " + await TextAsync(rootA, "/sync/peers") + a.Output.StderrText);
        Assert.True(await Poll.UntilAsync(() => OnlyPeerIsAsync(rootB, idA, "active"), Deadline), "B: " + await TextAsync(rootB, "/sync/peers") + b.Output.StderrText);
        var peerOfA = Assert.Single((await Expect.JsonAsync(await rootA.GetAsync("/sync/peers"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        Assert.Equal($"http://localhost:{b.Port}", peerOfA.GetProperty("address").GetString());
        var peerOfB = Assert.Single((await Expect.JsonAsync(await rootB.GetAsync("/sync/status"), HttpStatusCode.OK)).GetProperty("peers").EnumerateArray());
        Assert.Equal("Join target", peerOfB.GetProperty("label").GetString());

        // Writes on either node appear on the other without a trigger; a delete propagates; the roots converge.
        await rootA.PutTextAsync("/page/from-a.txt", "hello from A");
        await rootB.PutTextAsync("/page/from-b.txt", "hello from B");
        Assert.True(await Poll.UntilAsync(() => HasTextAsync(rootB, "/page/from-a.txt", "hello from A"), Deadline), "A's write never reached B");
        Assert.True(await Poll.UntilAsync(() => HasTextAsync(rootA, "/page/from-b.txt", "hello from B"), Deadline), "B's write never reached A");
        await Expect.StatusAsync(await rootB.DeleteAsync("/files/page/from-a.txt"), HttpStatusCode.OK);
        Assert.True(await Poll.UntilAsync(() => IsGoneAsync(rootA, "/page/from-a.txt"), Deadline), "B's delete never reached A");
        Assert.True(await Poll.UntilAsync(async () => await RootHashAsync(rootA) == await RootHashAsync(rootB), Deadline), "The nodes never converged");

        // A JWT minted on either node is accepted by the other once the key records have replicated.
        Assert.True(await Poll.UntilAsync(async () => (await a.WithToken(await b.RootTokenAsync()).GetAsync("/files/page/")).StatusCode == HttpStatusCode.OK, Deadline), "B's token is refused on A");
        Assert.True(await Poll.UntilAsync(async () => (await b.WithToken(await a.RootTokenAsync()).GetAsync("/files/page/")).StatusCode == HttpStatusCode.OK, Deadline), "A's token is refused on B");

        // Triggering sync answers per peer.
        var trigger = await Expect.JsonAsync(await rootA.SendAsync(HttpMethod.Post, "/sync/trigger"), HttpStatusCode.OK);
        Assert.Equal(1, trigger.GetProperty("peers_synced").GetInt32());
        var result = Assert.Single(trigger.GetProperty("results").EnumerateArray());
        Assert.Equal(idB, result.GetProperty("node_id").GetUInt64());
        Assert.True(result.GetProperty("ok").GetBoolean());

        // Adding a peer at runtime, as the page shows, then removing it by its id.
        var added = await Expect.JsonAsync(await rootA.PostJsonAsync("/sync/peers", new { address = "https://nodeC:6830", label = "US West" }), HttpStatusCode.Created);
        Assert.Equal("US West", added.GetProperty("label").GetString());
        Assert.Equal("disconnected", added.GetProperty("state").GetString());
        Assert.Equal(2, (await Expect.JsonAsync(await rootA.GetAsync("/sync/status"), HttpStatusCode.OK)).GetProperty("peer_count").GetInt32());
        await Expect.StatusAsync(await rootA.DeleteAsync($"/sync/peers/{added.GetProperty("node_id").GetUInt64()}"), HttpStatusCode.OK);
    }

    private static async Task<ulong> NodeIdAsync(ApiClient client) =>
        (await Expect.JsonAsync(await client.GetAsync("/sync/status"), HttpStatusCode.OK)).GetProperty("node_id").GetUInt64();

    private static async Task<bool> OnlyPeerIsAsync(ApiClient client, ulong id, string state)
    {
        using var response = await client.GetAsync("/sync/peers");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return false;
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = document.RootElement.GetProperty("items").EnumerateArray().ToList();
        return items.Count == 1 && items[0].GetProperty("node_id").GetUInt64() == id && items[0].GetProperty("state").GetString() == state;
    }

    private static async Task<string> TextAsync(ApiClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.Content.ReadAsStringAsync() + "\n";
    }

    private static async Task<string> RootHashAsync(ApiClient client) =>
        (await Expect.JsonAsync(await client.PostJsonAsync("/sync/diff", new { paths = new[] { "/no-such-path" } }), HttpStatusCode.OK)).GetProperty("root_hash").GetString()!;

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
