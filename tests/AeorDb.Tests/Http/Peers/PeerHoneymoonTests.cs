using System.Net;
using System.Text.Json;
using AeorDb.Tests.Http.Sync;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Peers;

/// <summary>CONTRACT §6.2–§6.3 between real processes: heartbeats drive disconnected → honeymoon → active.</summary>
public sealed class PeerHoneymoonTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // Fast heartbeats; a loose jitter bound, since the test machine is shared and busy.
    private static readonly string[] FastPeers = ["--heartbeat-interval-ms", "100", "--honeymoon-samples", "3", "--honeymoon-max-jitter-ms", "2000"];

    [Fact]
    public async Task Honeymoon_JoinedPair_BothActive_KilledPeerDisconnects_RestartedPeerReturnsThroughHoneymoon()
    {
        await using var a = await AeorDbNode.StartAsync(new NodeOptions { ExtraArguments = FastPeers });
        var memberUrl = a.BaseUrl.ToString().TrimEnd('/');
        await using var b = await AeorDbNode.StartAsync(new NodeOptions
        {
            ExtraArguments = [.. FastPeers, "--join", memberUrl, "--join-token", a.RootKey!, "--advertise-url", "http://node-b.test:6830"],
        });

        // The test cannot choose B's port before B starts, so A's record of B is moved to B's real address.
        var root = PeerTokens.Mint(PeerTokens.ReadSigningSeed(a), scope: null);
        var rootA = a.WithToken(root);
        var rootB = b.WithToken(root);
        var placeholder = Assert.Single(Items(await Expect.JsonAsync(await rootA.GetAsync("/sync/peers"), HttpStatusCode.OK)));
        await Expect.StatusAsync(await rootA.DeleteAsync($"/sync/peers/{placeholder.GetProperty("node_id").GetUInt64()}"), HttpStatusCode.OK);
        var addressB = b.BaseUrl.ToString().TrimEnd('/');
        await Expect.StatusAsync(await rootA.PostJsonAsync("/sync/peers", new { address = addressB }), HttpStatusCode.Created);

        Assert.True(await Poll.UntilAsync(() => StateIsAsync(rootA, "active"), Deadline), "A never saw B active:\n" + a.Output.StderrText + a.Output.StdoutText);
        Assert.True(await Poll.UntilAsync(() => StateIsAsync(rootB, "active"), Deadline), "B never saw A active:\n" + b.Output.StderrText + b.Output.StdoutText);

        // The status route reports the same live state.
        var status = await Expect.JsonAsync(await rootA.GetAsync("/sync/status"), HttpStatusCode.OK);
        Assert.Equal("active", Assert.Single(status.GetProperty("peers").EnumerateArray()).GetProperty("state").GetString());

        await b.KillAsync();
        Assert.True(await Poll.UntilAsync(() => StateIsAsync(rootA, "disconnected"), Deadline), "A still sees the killed B connected");

        await b.RestartAsync(FastPeers);
        Assert.True(await Poll.UntilAsync(() => StateIsAsync(rootA, "active"), Deadline), "A never saw the restarted B active:\n" + a.Output.StderrText + a.Output.StdoutText);

        // The restart went through a fresh honeymoon.
        var log = a.Output.StdoutText + "\n" + a.Output.StderrText;
        Assert.True(CountOf(log, $"Peer {addressB}: connected, honeymoon started") >= 2, log);
    }

    private static async Task<bool> StateIsAsync(ApiClient client, string expected)
    {
        using var response = await client.GetAsync("/sync/peers");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return false;
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = document.RootElement.GetProperty("items").EnumerateArray().ToList();
        return items.Count == 1 && items[0].GetProperty("state").GetString() == expected;
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static IEnumerable<JsonElement> Items(JsonElement body) => body.GetProperty("items").EnumerateArray();
}
