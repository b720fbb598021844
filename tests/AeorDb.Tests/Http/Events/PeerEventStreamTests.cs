using System.Diagnostics;
using System.Net;
using AeorDb.Tests.Http.Sync;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Events;

/// <summary>Peers on the sync event stream: a peer token (CONTRACT §6.4), a node without auth (§2), and stops with streams open.</summary>
public sealed class PeerEventStreamTests
{
    [Fact]
    public async Task SyncEvents_PeerToken_GetsHeartbeats_ButSystemEventsRefusesIt()
    {
        await using var node = await AeorDbNode.StartAsync(new NodeOptions { ExtraArguments = ["--heartbeat-interval-ms", "200"] });
        var peer = await PeerTokens.ForNodeAsync(node);

        using var stream = await SseStream.OpenAsync(node.Http, "/sync/events", peer);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        var beat = await stream.NextOfTypeAsync("heartbeat", EventStreamTests.Wait);
        Assert.NotEqual(0UL, beat.Payload.GetProperty("clock").GetProperty("node_id").GetUInt64());

        // The sync scope reaches only /sync/diff, /sync/chunks and /sync/events (CONTRACT §3.1).
        using var refused = await SseStream.OpenAsync(node.Http, "/system/events", peer);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Response.StatusCode);
    }

    [Fact]
    public async Task SyncEvents_AuthDisabled_ServesPeers_AndStopEndsTheStreamCleanly()
    {
        await using var node = await AeorDbNode.StartAsync(new NodeOptions { Auth = "disabled", ExpectRootKey = false, ExtraArguments = ["--heartbeat-interval-ms", "200"] });
        using var stream = await SseStream.OpenAsync(node.Http, "/sync/events", null);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("server_ready", (await stream.NextAsync(EventStreamTests.Wait)).Event);
        var beat = await stream.NextOfTypeAsync("heartbeat", EventStreamTests.Wait);
        Assert.NotEqual(0UL, beat.Payload.GetProperty("clock").GetProperty("node_id").GetUInt64());

        // SIGTERM with the stream still open: the node ends it and exits at once, not after a shutdown timeout.
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, await node.StopAsync());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"Stopping took {clock.Elapsed}.");
        var ended = await Record.ExceptionAsync(() => stream.NextMatchingAsync(_ => false, EventStreamTests.Wait));
        Assert.True(ended is EndOfStreamException or IOException or HttpRequestException, $"The stream did not end: {ended}");
    }
}
