using System.Net;
using System.Text.Json;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Peers;

/// <summary>
/// CONTRACT §6.4–§6.5 between real processes: an active pair pulls on each other's change events and on the
/// periodic fallback, without any trigger; a killed peer catches up after its restart.
/// </summary>
public sealed class PeerLoopTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // Fast heartbeats and loops; a loose jitter bound, since the test machine is shared and busy.
    private static readonly string[] FastPeers =
    [
        "--heartbeat-interval-ms", "100", "--honeymoon-samples", "3", "--honeymoon-max-jitter-ms", "2000",
        "--sync-interval-ms", "500", "--sync-debounce-ms", "50",
    ];

    [Fact]
    public async Task Loop_ActivePair_PropagatesWritesAndDeletesBothWays_KilledPeerCatchesUpAfterRestart()
    {
        await using var pair = await JoinedPair.StartAsync(FastPeers, pointAAtB: true);
        var (a, b, rootA, rootB) = (pair.A, pair.B, pair.RootA, pair.RootB);

        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(rootA, "active"), Deadline), "A never saw B active:\n" + a.Output.StderrText);
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(rootB, "active"), Deadline), "B never saw A active:\n" + b.Output.StderrText);

        // A → B without a trigger.
        await rootA.PutTextAsync("/loop/from-a.txt", "written on A");
        Assert.True(await Poll.UntilAsync(() => HasTextAsync(rootB, "/loop/from-a.txt", "written on A"), Deadline), "A's write never reached B:\n" + b.Output.StderrText);

        // B → A without a trigger.
        await rootB.PutTextAsync("/loop/from-b.txt", "written on B");
        Assert.True(await Poll.UntilAsync(() => HasTextAsync(rootA, "/loop/from-b.txt", "written on B"), Deadline), "B's write never reached A:\n" + a.Output.StderrText);

        // A delete on A disappears from B.
        await Expect.StatusAsync(await rootA.DeleteAsync("/files/loop/from-a.txt"), HttpStatusCode.OK);
        Assert.True(await Poll.UntilAsync(() => IsGoneAsync(rootB, "/loop/from-a.txt"), Deadline), "A's delete never reached B");

        // Quiet again, the two nodes hold the same tree: the same root hash (DESIGN "Root hash determinism").
        Assert.True(
            await Poll.UntilAsync(async () => await RootHashAsync(rootA) == await RootHashAsync(rootB), Deadline),
            $"The nodes never converged: A {await RootHashAsync(rootA)}, B {await RootHashAsync(rootB)}");

        // Both sides count their pulls.
        var syncStatus = (await JoinedPair.OnlyPeerAsync(rootB)).GetProperty("sync_status");
        Assert.True(syncStatus.GetProperty("total_syncs").GetInt64() >= 1, syncStatus.ToString());
        Assert.NotEqual(JsonValueKind.Null, syncStatus.GetProperty("last_success_at").ValueKind);

        // A killed peer: the survivor reports it disconnected, with failures, the error and a backoff that grows
        // (reconnects wait 0.5 s doubled per failure, so the third waits 2 s).
        await b.KillAsync();
        JsonElement failing = default;
        Assert.True(
            await Poll.UntilAsync(async () =>
            {
                failing = await JoinedPair.OnlyPeerAsync(rootA);
                return failing.GetProperty("state").GetString() == "disconnected"
                    && failing.GetProperty("sync_status").GetProperty("consecutive_failures").GetInt32() >= 3
                    && failing.GetProperty("sync_status").GetProperty("next_attempt_at").ValueKind == JsonValueKind.Number;
            }, Deadline),
            "A never reported repeated failures with the killed B: " + failing);
        var failures = failing.GetProperty("sync_status");
        Assert.Contains("unreachable", failures.GetProperty("last_error").GetString());
        Assert.True(failures.GetProperty("total_failures").GetInt64() >= failures.GetProperty("consecutive_failures").GetInt64(), failures.ToString());
        Assert.True(failures.GetProperty("total_syncs").GetInt64() > failures.GetProperty("total_failures").GetInt64(), failures.ToString());
        var backoff = failures.GetProperty("next_attempt_at").GetInt64() - failures.GetProperty("last_attempt_at").GetInt64();
        Assert.True(backoff >= 1000, failures.ToString());
        var statusPeer = Assert.Single((await Expect.JsonAsync(await rootA.GetAsync("/sync/status"), HttpStatusCode.OK)).GetProperty("peers").EnumerateArray());
        Assert.True(statusPeer.GetProperty("sync_status").GetProperty("consecutive_failures").GetInt32() >= 3, statusPeer.ToString());

        // Written while B is down; B catches up after its restart, again without a trigger.
        await rootA.PutTextAsync("/loop/while-down.txt", "written while B was down");
        await b.RestartAsync(FastPeers);
        Assert.True(await Poll.UntilAsync(() => HasTextAsync(rootB, "/loop/while-down.txt", "written while B was down"), Deadline), "The restarted B never caught up:\n" + b.Output.StderrText);
        Assert.True(await Poll.UntilAsync(() => IsGoneAsync(rootB, "/loop/from-a.txt"), Deadline), "The restarted B brought back a deleted file");

        // Back in touch, A's next successful pull clears the failure streak and the backoff.
        Assert.True(
            await Poll.UntilAsync(async () =>
            {
                var status = (await JoinedPair.OnlyPeerAsync(rootA)).GetProperty("sync_status");
                return status.GetProperty("consecutive_failures").GetInt32() == 0 && status.GetProperty("next_attempt_at").ValueKind == JsonValueKind.Null;
            }, Deadline),
            "A never recovered from the failures: " + await JoinedPair.OnlyPeerAsync(rootA));
    }

    /// <summary>The node's HEAD root, read from a diff whose filter matches nothing (so the answer stays small).</summary>
    private static async Task<string> RootHashAsync(ApiClient client) =>
        (await Expect.JsonAsync(await client.PostJsonAsync("/sync/diff", new { paths = new[] { "/no-such-path" } }), HttpStatusCode.OK)).GetProperty("root_hash").GetString()!;

    [Fact]
    public async Task Loop_PeriodicFallbackOutOfReach_ChangeEventAlonePullsWithinSeconds()
    {
        // The periodic loop would first tick after ten minutes: only the change event can move the write.
        string[] eventsOnly =
        [
            "--heartbeat-interval-ms", "100", "--honeymoon-samples", "3", "--honeymoon-max-jitter-ms", "2000",
            "--sync-interval-ms", "600000",
        ];
        await using var pair = await JoinedPair.StartAsync(eventsOnly, pointAAtB: false);
        var (b, rootA, rootB) = (pair.B, pair.RootA, pair.RootB);
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(rootB, "active"), Deadline), "B never saw A active:\n" + b.Output.StderrText);

        await rootA.PutTextAsync("/events/one.txt", "by event");
        Assert.True(await Poll.UntilAsync(() => HasTextAsync(rootB, "/events/one.txt", "by event"), TimeSpan.FromSeconds(20)), "The change event never caused a pull:\n" + b.Output.StderrText);
        await Expect.StatusAsync(await rootA.DeleteAsync("/files/events/one.txt"), HttpStatusCode.OK);
        Assert.True(await Poll.UntilAsync(() => IsGoneAsync(rootB, "/events/one.txt"), TimeSpan.FromSeconds(20)), "The delete event never caused a pull");
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
