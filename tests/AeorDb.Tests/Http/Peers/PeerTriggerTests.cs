using System.Net;
using System.Text.Json;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Peers;

/// <summary>CONTRACT §5.6 and §6.1 between real processes: a trigger pulls a peer's changes through /sync/diff and /sync/chunks.</summary>
public sealed class PeerTriggerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Trigger_JoinedPair_PullsWritesAndDeletesFromTheActivePeer()
    {
        await using var pair = await JoinedPair.StartAsync(JoinedPair.FastPeers, pointAAtB: false);
        var (b, rootA, rootB) = (pair.B, pair.RootA, pair.RootB);
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(rootB, "active"), Deadline), "B never saw A active:\n" + b.Output.StderrText);

        var big = new byte[600_000];
        Random.Shared.NextBytes(big);
        await rootA.PutFileAsync("/shared/big.bin", big);
        await rootA.PutTextAsync("/shared/hello.txt", "hello from A");

        var first = await TriggerAsync(rootB);
        Assert.Equal(1, first.GetProperty("peers_synced").GetInt32());
        var result = Assert.Single(first.GetProperty("results").EnumerateArray());
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        // A's change events pull at once too (leading edge), so the trigger may find some of the work done already.
        Assert.InRange(result.GetProperty("operations_applied").GetInt32(), 0, 2);
        Assert.Equal(big, await Expect.BytesAsync(await rootB.GetAsync("/files/shared/big.bin"), HttpStatusCode.OK));
        Assert.Equal("hello from A"u8.ToArray(), await Expect.BytesAsync(await rootB.GetAsync("/files/shared/hello.txt"), HttpStatusCode.OK));

        // The next pull starts from the stored base: only A's delete arrives (by the trigger or by the event's own pull).
        await Expect.StatusAsync(await rootA.DeleteAsync("/files/shared/hello.txt"), HttpStatusCode.OK);
        var second = Assert.Single((await TriggerAsync(rootB)).GetProperty("results").EnumerateArray());
        Assert.True(second.GetProperty("ok").GetBoolean(), second.ToString());
        Assert.InRange(second.GetProperty("operations_applied").GetInt32(), 0, 1);
        await Expect.StatusAsync(await rootB.GetAsync("/files/shared/hello.txt"), HttpStatusCode.NotFound);
        Assert.Equal(big, await Expect.BytesAsync(await rootB.GetAsync("/files/shared/big.bin"), HttpStatusCode.OK));
    }

    private static async Task<JsonElement> TriggerAsync(ApiClient client) =>
        await Expect.JsonAsync(await client.SendAsync(HttpMethod.Post, "/sync/trigger"), HttpStatusCode.OK);

}
