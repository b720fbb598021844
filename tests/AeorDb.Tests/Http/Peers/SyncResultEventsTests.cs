using System.Net;
using AeorDb.Tests.Http.Events;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Peers;

/// <summary>CONTRACT §6.4–§6.5: every pull's result is published as <c>syncs_completed</c> or <c>syncs_failed</c>.</summary>
public sealed class SyncResultEventsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Pulls_PublishSyncsCompletedWithOperations_AndSyncsFailedWhenThePeerIsGone()
    {
        await using var pair = await JoinedPair.StartAsync(JoinedPair.FastPeers, pointAAtB: true);
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(pair.RootB, "active"), Deadline), "B never saw A active:\n" + pair.B.Output.StderrText);
        var peerA = (await JoinedPair.OnlyPeerAsync(pair.RootB)).GetProperty("node_id").GetUInt64();
        using var events = await SseStream.OpenAsync(pair.B.Http, "/system/events", pair.RootB.Token);
        Assert.Equal(HttpStatusCode.OK, events.Response.StatusCode);

        await pair.RootA.PutTextAsync("/events/one.txt", "one");

        // The write reaches B by the event-driven pull, without a trigger.
        var completed = await events.NextMatchingAsync(
            f => f.Event == "syncs_completed" && f.Payload.GetProperty("operations_applied").GetInt32() > 0, Deadline);
        Assert.Equal("sync", completed.Json.GetProperty("user_id").GetString());
        Assert.Equal(peerA, completed.Payload.GetProperty("peer_node_id").GetUInt64());
        Assert.Equal(0, completed.Payload.GetProperty("conflicts_detected").GetInt32());

        await pair.A.StopAsync();
        (await pair.RootB.SendAsync(HttpMethod.Post, "/sync/trigger?force_activate=true")).Dispose();

        var failed = await events.NextOfTypeAsync("syncs_failed", Deadline);
        Assert.Equal(peerA, failed.Payload.GetProperty("peer_node_id").GetUInt64());
        Assert.False(string.IsNullOrEmpty(failed.Payload.GetProperty("error").GetString()));
        Assert.True(failed.Payload.GetProperty("consecutive_failures").GetInt32() >= 1);
    }
}
