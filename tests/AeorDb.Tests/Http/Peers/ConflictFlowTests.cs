using System.Net;
using System.Text.Json;
using AeorDb.Tests.Http.Events;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Peers;

/// <summary>The product page's "Managing Conflicts" between two real processes: a concurrent edit, listed and resolved from either node.</summary>
public sealed class ConflictFlowTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ConcurrentEditWhileNodeDown_ListedOnBoth_ResolvedWithLoserEverywhere()
    {
        await using var pair = await JoinedPair.StartAsync(JoinedPair.FastPeers, pointAAtB: true);
        var (a, b) = (pair.RootA, pair.RootB);
        await WaitActiveAsync(pair);
        await a.PutTextAsync("/docs/plan.txt", "v0");
        Assert.True(await SyncUntilAsync(pair, async () => await TextAsync(b, "/docs/plan.txt") == "v0"), "B never received v0");

        // Each side edits while the other is down, so neither saw the other's edit: a true concurrent edit.
        await pair.B.StopAsync();
        await a.PutTextAsync("/docs/plan.txt", "edit on A");
        await pair.A.StopAsync();
        await pair.B.RestartAsync(JoinedPair.FastPeers);
        using var eventsOnB = await SseStream.OpenAsync(pair.B.Http, "/system/events", b.Token);
        await b.PutTextAsync("/docs/plan.txt", "edit on B, later");
        // A's own honeymoon is made longer than the test needs to open A's event stream: A pulls (and may detect the
        // conflict) only after it, so a report of A's is not sent before anyone listens, however busy the machine.
        await pair.A.RestartAsync(SlowHoneymoon);
        using var eventsOnA = await SseStream.OpenAsync(pair.A.Http, "/system/events", a.Token);
        await WaitActiveAsync(pair);

        Assert.True(await SyncUntilAsync(pair, async () => await ConflictOrNullAsync(a) is not null && await ConflictOrNullAsync(b) is not null),
            "the conflict was not listed on both nodes:\n" + pair.A.Output.StderrText);
        // Whichever node merged first detected it, and its loop reported it (CONTRACT §6.5).
        Assert.True(await AnyReportedAsync(ConflictReportedAsync(eventsOnA), ConflictReportedAsync(eventsOnB)),
            "no syncs_completed event reported the conflict on either node");
        var onA = (await ConflictOrNullAsync(a))!.Value;
        var onB = (await ConflictOrNullAsync(b))!.Value;
        Assert.Equal("/docs/plan.txt", onA.GetProperty("path").GetString());
        Assert.Equal("ConcurrentModify", onA.GetProperty("conflict_type").GetString());
        Assert.Equal(onA.GetProperty("winner").GetProperty("hash").GetString(), onB.GetProperty("winner").GetProperty("hash").GetString());
        Assert.Equal(onA.GetProperty("loser").GetProperty("hash").GetString(), onB.GetProperty("loser").GetProperty("hash").GetString());
        Assert.True(await SyncUntilAsync(pair, async () =>
            await TextAsync(a, "/docs/plan.txt") == "edit on B, later" && await TextAsync(b, "/docs/plan.txt") == "edit on B, later"), "the later edit did not win on both");

        var badPick = await Expect.JsonAsync(await a.PostJsonAsync("/sync/conflicts/docs/plan.txt", new { pick = "neither" }), HttpStatusCode.BadRequest);
        Assert.Contains("pick", badPick.GetProperty("error").GetString());
        var resolved = await Expect.JsonAsync(await a.PostJsonAsync("/sync/conflicts/docs/plan.txt", new { pick = "loser" }), HttpStatusCode.OK);
        Assert.True(resolved.GetProperty("resolved").GetBoolean());
        Assert.Equal("/docs/plan.txt", resolved.GetProperty("path").GetString());
        Assert.Equal("loser", resolved.GetProperty("pick").GetString());

        Assert.True(await SyncUntilAsync(pair, async () =>
            await TextAsync(a, "/docs/plan.txt") == "edit on A" && await TextAsync(b, "/docs/plan.txt") == "edit on A"
            && await CountAsync(a) == 0 && await CountAsync(b) == 0), "the resolution did not reach both nodes");
        var missing = await Expect.JsonAsync(await b.GetAsync("/sync/conflicts/docs/plan.txt"), HttpStatusCode.NotFound);
        Assert.Equal("No conflict found for path: /docs/plan.txt", missing.GetProperty("error").GetString());
    }

    /// <summary>Heartbeats as fast as <see cref="JoinedPair.FastPeers"/>, but 20 samples (about 2 s) before the peer is active.</summary>
    private static readonly string[] SlowHoneymoon = ["--heartbeat-interval-ms", "100", "--honeymoon-samples", "20", "--honeymoon-max-jitter-ms", "2000"];

    /// <summary>True once any of the waits matched; false only when every one of them ended without a match.</summary>
    private static async Task<bool> AnyReportedAsync(params Task<SseFrame>[] waits)
    {
        var pending = waits.ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            if (done.IsCompletedSuccessfully)
            {
                return true;
            }

            pending.Remove(done);
        }

        return false;
    }

    private static Task<SseFrame> ConflictReportedAsync(SseStream events) =>
        events.NextMatchingAsync(f => f.Event == "syncs_completed" && f.Payload.GetProperty("conflicts_detected").GetInt32() > 0, Deadline);

    private static async Task WaitActiveAsync(JoinedPair pair)
    {
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(pair.RootA, "active"), Deadline), "A never saw B active:\n" + pair.A.Output.StderrText);
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(pair.RootB, "active"), Deadline), "B never saw A active:\n" + pair.B.Output.StderrText);
    }

    /// <summary>Pulls both ways until <paramref name="done"/> holds or the deadline passes.</summary>
    private static Task<bool> SyncUntilAsync(JoinedPair pair, Func<Task<bool>> done) =>
        Poll.UntilAsync(async () =>
        {
            (await pair.RootA.SendAsync(HttpMethod.Post, "/sync/trigger")).Dispose();
            (await pair.RootB.SendAsync(HttpMethod.Post, "/sync/trigger")).Dispose();
            return await done();
        }, Deadline);

    private static async Task<string?> TextAsync(ApiClient client, string path)
    {
        using var response = await client.GetAsync("/files" + path);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
    }

    private static async Task<JsonElement?> ConflictOrNullAsync(ApiClient client)
    {
        using var response = await client.GetAsync("/sync/conflicts/docs/plan.txt");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static async Task<int> CountAsync(ApiClient client)
    {
        var body = await Expect.JsonAsync(await client.GetAsync("/sync/conflicts"), HttpStatusCode.OK);
        return body.GetProperty("items").GetArrayLength();
    }
}
