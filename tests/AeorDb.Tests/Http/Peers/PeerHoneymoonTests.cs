using System.Net;
using System.Text.Json;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Peers;

/// <summary>CONTRACT §6.2–§6.3 between real processes: heartbeats drive disconnected → honeymoon → active.</summary>
public sealed class PeerHoneymoonTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Honeymoon_JoinedPair_BothActive_KilledPeerDisconnects_RestartedPeerReturnsThroughHoneymoon()
    {
        await using var pair = await JoinedPair.StartAsync(JoinedPair.FastPeers, pointAAtB: true);
        var (a, b, rootA, rootB, addressB) = (pair.A, pair.B, pair.RootA, pair.RootB, pair.AddressOfB);

        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(rootA, "active"), Deadline), "A never saw B active:\n" + a.Output.StderrText + a.Output.StdoutText);
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(rootB, "active"), Deadline), "B never saw A active:\n" + b.Output.StderrText + b.Output.StdoutText);

        // The status route reports the same live state.
        var status = await Expect.JsonAsync(await rootA.GetAsync("/sync/status"), HttpStatusCode.OK);
        Assert.Equal("active", Assert.Single(status.GetProperty("peers").EnumerateArray()).GetProperty("state").GetString());

        var honeymoonLine = $"Peer {addressB}: connected, honeymoon started";
        var honeymoonsBefore = CountOf(a.Output.StdoutText + "\n" + a.Output.StderrText, honeymoonLine);
        await b.KillAsync();
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(rootA, "disconnected"), Deadline), "A still sees the killed B connected");

        await b.RestartAsync(JoinedPair.FastPeers);
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(rootA, "active"), Deadline), "A never saw the restarted B active:\n" + a.Output.StderrText + a.Output.StdoutText);

        // The restart went through a fresh honeymoon.
        var log = a.Output.StdoutText + "\n" + a.Output.StderrText;
        Assert.True(CountOf(log, honeymoonLine) > honeymoonsBefore, log);
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
