using System.Net;
using System.Text.Json;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Peers;

/// <summary>
/// A pull that outlasts the grain call timeout must not deafen the link: heartbeats, status and events go on while
/// it waits, and the next change still arrives by event. A reproduces the slow peer (its first <c>/sync/chunks</c>
/// answer is late: <c>--test-chunks-delay-ms</c>); B's grain calls time out sooner than that (<c>--test-grain-timeout-ms</c>).
/// </summary>
public sealed class PeerLongPullTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task LongPull_ChunkAnswerOutlastsGrainTimeout_LinkStaysUpAndNextChangeArrivesByEvent()
    {
        // The periodic pull is ten minutes away: only change events move writes from A to B in this test.
        string[] a = [.. JoinedPair.FastPeers, "--sync-interval-ms", "600000", "--test-chunks-delay-ms", "10000"];
        string[] b = [.. JoinedPair.FastPeers, "--sync-interval-ms", "600000", "--test-grain-timeout-ms", "3000"];
        await using var pair = await JoinedPair.StartAsync(a, b, pointAAtB: false);
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(pair.RootB, "active"), Deadline), "B never saw A active:\n" + pair.B.Output.StderrText);

        var one = new byte[300_000];
        Random.Shared.NextBytes(one);
        await pair.RootA.PutFileAsync("/slow/one.bin", one);

        // The pull whose chunks A holds back: /sync/status answers meanwhile and shows it running.
        JsonElement during = default;
        Assert.True(
            await Poll.UntilAsync(async () => (during = await StatusPeerAsync(pair.RootB)).GetProperty("sync_status").GetProperty("pull") is { ValueKind: JsonValueKind.Object } pull
                && pull.GetProperty("phase").GetString() == "chunks", Deadline),
            "B never showed the held-back pull:\n" + pair.B.Output.StderrText);
        var progress = during.GetProperty("sync_status").GetProperty("pull");
        Assert.Equal("active", during.GetProperty("state").GetString());
        Assert.True(progress.GetProperty("entries_total").GetInt64() >= 1, progress.ToString());
        Assert.True(progress.GetProperty("bytes_total").GetInt64() > progress.GetProperty("bytes_done").GetInt64(), progress.ToString());

        // Heartbeats keep arriving while the pull waits.
        var beat = during.GetProperty("sync_status").GetProperty("last_heartbeat_at").GetInt64();
        Assert.True(
            await Poll.UntilAsync(async () => (await StatusPeerAsync(pair.RootB)).GetProperty("sync_status") is var s
                && s.GetProperty("pull").ValueKind == JsonValueKind.Object && s.GetProperty("last_heartbeat_at").GetInt64() > beat, Deadline),
            "No heartbeat reached B while the pull ran:\n" + pair.B.Output.StderrText);

        Assert.True(await Poll.UntilAsync(() => HasBytesAsync(pair.RootB, "/slow/one.bin", one), Deadline), "The held-back file never arrived:\n" + pair.B.Output.StderrText);

        // The link survived the long pull: the next change arrives by its event.
        await pair.RootA.PutTextAsync("/slow/two.txt", "after the long pull");
        Assert.True(await Poll.UntilAsync(() => HasBytesAsync(pair.RootB, "/slow/two.txt", "after the long pull"u8.ToArray()), Deadline), "The change after the long pull never arrived by event:\n" + pair.B.Output.StderrText);
        var after = await StatusPeerAsync(pair.RootB);
        Assert.Equal("active", after.GetProperty("state").GetString());
        Assert.Equal(0, after.GetProperty("sync_status").GetProperty("total_failures").GetInt64());
        Assert.DoesNotContain("Lost the event stream", pair.B.Output.StderrText + pair.B.Output.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watchdog_PeerFrozen_LinkDropsAndComesBackActive()
    {
        await using var pair = await JoinedPair.StartAsync(JoinedPair.FastPeers, pointAAtB: false);
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(pair.RootB, "active"), Deadline), "B never saw A active:\n" + pair.B.Output.StderrText);

        // A frozen peer keeps its sockets open and sends nothing: only the watchdog can tell.
        await pair.A.PauseAsync();
        try
        {
            Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(pair.RootB, "disconnected"), Deadline), "B kept a silent link:\n" + pair.B.Output.StderrText);
            var peer = await JoinedPair.OnlyPeerAsync(pair.RootB);
            Assert.Contains("No heartbeat", peer.GetProperty("sync_status").GetProperty("last_error").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await pair.A.ResumeAsync();
        }

        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(pair.RootB, "active"), Deadline), "B never reconnected:\n" + pair.B.Output.StderrText);
        await pair.RootA.PutTextAsync("/watchdog/back.txt", "back");
        Assert.True(await Poll.UntilAsync(() => HasBytesAsync(pair.RootB, "/watchdog/back.txt", "back"u8.ToArray()), Deadline), "No pull after the reconnect:\n" + pair.B.Output.StderrText);
    }

    [Fact]
    public async Task Trigger_ForceActivateOnDisconnectedPeer_ListsItUnderForcedActive()
    {
        await using var node = await AeorDbNode.StartAsync(new NodeOptions { ExtraArguments = JoinedPair.FastPeers });
        var root = await node.RootAsync();
        var added = await Expect.JsonAsync(await root.PostJsonAsync("/sync/peers", new { address = $"http://127.0.0.1:{FreePort.Next()}" }), HttpStatusCode.Created);
        var id = added.GetProperty("node_id").GetUInt64();

        var report = await Expect.JsonAsync(await root.SendAsync(HttpMethod.Post, "/sync/trigger?force_activate=true"), HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(report.GetProperty("forced_active").EnumerateArray()).GetUInt64());
        Assert.Equal(1, report.GetProperty("peers_failed").GetInt32());
        var result = Assert.Single(report.GetProperty("results").EnumerateArray());
        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Empty(report.GetProperty("skipped").EnumerateArray());
    }

    private static async Task<JsonElement> StatusPeerAsync(ApiClient client)
    {
        var body = await Expect.JsonAsync(await client.GetAsync("/sync/status"), HttpStatusCode.OK);
        return Assert.Single(body.GetProperty("peers").EnumerateArray()).Clone();
    }

    private static async Task<bool> HasBytesAsync(ApiClient client, string path, byte[] expected)
    {
        using var response = await client.GetAsync("/files" + path);
        return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsByteArrayAsync()).AsSpan().SequenceEqual(expected);
    }
}
