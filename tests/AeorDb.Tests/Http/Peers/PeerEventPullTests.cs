using System.Net;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Peers;

/// <summary>
/// Event-driven pulls are leading-edge: a change event pulls at once (not after <c>--sync-debounce-ms</c>), and
/// events arriving inside the window that follows still get their one follow-up pull when it closes.
/// </summary>
public sealed class PeerEventPullTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EventPull_TenMinuteWindow_FirstEventStillPullsAtOnce()
    {
        // The window and the periodic loop are ten minutes: only a pull at the event itself moves the write in time.
        string[] longWindow = [.. JoinedPair.FastPeers, "--sync-interval-ms", "600000", "--sync-debounce-ms", "600000"];
        await using var pair = await JoinedPair.StartAsync(longWindow, pointAAtB: false);
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(pair.RootB, "active"), Deadline), "B never saw A active:\n" + pair.B.Output.StderrText);

        await pair.RootA.PutTextAsync("/leading/one.txt", "first");
        Assert.True(await Poll.UntilAsync(() => HasTextAsync(pair.RootB, "/leading/one.txt", "first"), Deadline), "The first event did not pull at once:\n" + pair.B.Output.StderrText);
    }

    [Fact]
    public async Task EventPull_WritesInsideTheWindow_ArriveWithTheFollowUpPull()
    {
        // The periodic loop is out of reach; a three-second window.
        string[] window = [.. JoinedPair.FastPeers, "--sync-interval-ms", "600000", "--sync-debounce-ms", "3000"];
        await using var pair = await JoinedPair.StartAsync(window, pointAAtB: false);
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(pair.RootB, "active"), Deadline), "B never saw A active:\n" + pair.B.Output.StderrText);

        // The first write opens the window; the next ones land inside it (or in the next one) and must not be lost.
        await pair.RootA.PutTextAsync("/window/one.txt", "one");
        Assert.True(await Poll.UntilAsync(() => HasTextAsync(pair.RootB, "/window/one.txt", "one"), Deadline), "The first write never arrived:\n" + pair.B.Output.StderrText);
        await pair.RootA.PutTextAsync("/window/two.txt", "two");
        await pair.RootA.PutTextAsync("/window/one.txt", "one, rewritten");
        Assert.True(await Poll.UntilAsync(() => HasTextAsync(pair.RootB, "/window/two.txt", "two"), Deadline), "A write inside the window never arrived:\n" + pair.B.Output.StderrText);
        Assert.True(await Poll.UntilAsync(() => HasTextAsync(pair.RootB, "/window/one.txt", "one, rewritten"), Deadline), "The last write inside the window never arrived");
    }

    private static async Task<bool> HasTextAsync(ApiClient client, string path, string expected)
    {
        using var response = await client.GetAsync("/files" + path);
        return response.StatusCode == HttpStatusCode.OK && await response.Content.ReadAsStringAsync() == expected;
    }
}
