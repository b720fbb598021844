using System.Net;
using System.Text.Json;
using AeorDb.Tests.Http.Sync;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Peers;

/// <summary>
/// CONTRACT §6.3 and §5.6 between real processes: heartbeats from a peer whose clock is 60 s ahead are rejected
/// (beyond 30 s), so it never turns active, and <c>POST /sync/trigger</c> lists it as skipped. The skew comes from
/// the testing-only <c>--clock-offset-ms</c>.
/// </summary>
public sealed class PeerClockSkewTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Skew_PeerSixtySecondsAhead_NeverActive_TriggerListsItSkipped()
    {
        await using var a = await AeorDbNode.StartAsync(new NodeOptions { AdvertiseSelf = true, ExtraArguments = JoinedPair.FastPeers });
        await using var b = await AeorDbNode.StartAsync(new NodeOptions
        {
            AdvertiseSelf = true,
            ExtraArguments = [.. JoinedPair.FastPeers, "--clock-offset-ms", "60000", "--join", a.BaseUrl.ToString().TrimEnd('/'), "--join-token", a.RootKey!],
        });
        var root = PeerTokens.Mint(PeerTokens.ReadSigningSeed(a), scope: null);
        var (rootA, rootB) = (a.WithToken(root), b.WithToken(root));
        var idB = (await Expect.JsonAsync(await rootB.GetAsync("/sync/status"), HttpStatusCode.OK)).GetProperty("node_id").GetUInt64();

        // Far more heartbeats than the honeymoon needs (3) arrive and are rejected; B stays in honeymoon, listed under its real id.
        var rejected = $"Peer {b.BaseUrl.ToString().TrimEnd('/')}: heartbeat rejected";
        Assert.True(
            await Poll.UntilAsync(() => CountOf(a.Output.StderrText + a.Output.StdoutText, rejected) >= 15, Deadline),
            "A never rejected B's heartbeats:\n" + a.Output.StderrText);
        var peer = await JoinedPair.OnlyPeerAsync(rootA);
        Assert.Equal(idB, peer.GetProperty("node_id").GetUInt64());
        Assert.Equal("honeymoon", peer.GetProperty("state").GetString());
        Assert.Contains("beyond 30 s", peer.GetProperty("sync_status").GetProperty("last_error").GetString());

        var trigger = await Expect.JsonAsync(await rootA.SendAsync(HttpMethod.Post, "/sync/trigger"), HttpStatusCode.OK);
        Assert.Equal(0, trigger.GetProperty("peers_synced").GetInt32());
        Assert.Equal(0, trigger.GetProperty("peers_failed").GetInt32());
        Assert.Equal(1, trigger.GetProperty("peers_skipped").GetInt32());
        Assert.Empty(trigger.GetProperty("results").EnumerateArray());
        Assert.Empty(trigger.GetProperty("forced_active").EnumerateArray());
        var skipped = Assert.Single(trigger.GetProperty("skipped").EnumerateArray());
        Assert.Equal(idB, skipped.GetProperty("node_id").GetUInt64());
        Assert.Equal("honeymoon", skipped.GetProperty("state").GetString());
        Assert.Equal("honeymoon not complete; pass ?force_activate=true to override", skipped.GetProperty("reason").GetString());

        // Still not active after the trigger (nothing but force_activate overrides the honeymoon).
        Assert.Equal("honeymoon", (await JoinedPair.OnlyPeerAsync(rootA)).GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, (await JoinedPair.OnlyPeerAsync(rootA)).GetProperty("last_sync_at").ValueKind);
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
}
