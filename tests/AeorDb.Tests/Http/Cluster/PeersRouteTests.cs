using System.Net;
using System.Text.Json;
using AeorDb.Tests.Http.Sync;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Cluster;

/// <summary>CONTRACT §5.4 and §5.5 on one node: the peer routes' shapes and errors, the join rate limit, root only.</summary>
public sealed class PeersRouteTests : IAsyncLifetime
{
    private AeorDbNode? _node;

    private AeorDbNode Node => _node!;

    public async Task InitializeAsync() => _node = await AeorDbNode.StartAsync();

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Peers_AddListDeleteAndStatus_HaveTheContractShapes()
    {
        var root = await Node.RootAsync();
        var created = await Expect.JsonAsync(
            await root.PostJsonAsync("/sync/peers", new { address = "https://node-c.test:6830/", label = "C", sync_paths = new[] { "/docs/**" } }),
            HttpStatusCode.Created);
        Assert.Equal(Sorted("node_id", "address", "label", "state"), Expect.Keys(created));
        var id = created.GetProperty("node_id").GetUInt64();
        Assert.NotEqual(0UL, id);
        Assert.Equal("https://node-c.test:6830", created.GetProperty("address").GetString());
        Assert.Equal("C", created.GetProperty("label").GetString());
        Assert.Equal("disconnected", created.GetProperty("state").GetString());

        // The same address again keeps the id (idempotent by address).
        var again = await Expect.JsonAsync(await root.PostJsonAsync("/sync/peers", new { address = "https://node-c.test:6830" }), HttpStatusCode.Created);
        Assert.Equal(id, again.GetProperty("node_id").GetUInt64());

        var list = await Expect.JsonAsync(await root.GetAsync("/sync/peers"), HttpStatusCode.OK);
        var peer = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(Sorted("node_id", "address", "label", "state", "last_sync_at", "sync_status"), Expect.Keys(peer));
        Assert.Equal(id, peer.GetProperty("node_id").GetUInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, peer.GetProperty("label").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, peer.GetProperty("last_sync_at").ValueKind);
        var status = peer.GetProperty("sync_status");
        // The §5.5 counters, plus the additive next_attempt_at, running pull, lag, ok pulls and last heartbeat.
        Assert.Equal(
            Sorted("last_success_at", "last_attempt_at", "last_error", "consecutive_failures", "total_syncs", "total_failures", "next_attempt_at",
                "pull", "lag_seconds", "lag_entries", "total_pulls_ok", "last_heartbeat_at"),
            Expect.Keys(status));
        // node-c.test never answers: every attempt so far (failed connections count) has failed.
        Assert.Equal(JsonValueKind.Null, status.GetProperty("last_success_at").ValueKind);
        Assert.Equal(status.GetProperty("total_failures").GetInt64(), status.GetProperty("total_syncs").GetInt64());

        var syncStatus = await Expect.JsonAsync(await root.GetAsync("/sync/status"), HttpStatusCode.OK);
        Assert.Equal(Sorted("node_id", "peer_count", "peers"), Expect.Keys(syncStatus));
        Assert.NotEqual(0UL, syncStatus.GetProperty("node_id").GetUInt64());
        Assert.NotEqual(id, syncStatus.GetProperty("node_id").GetUInt64());
        Assert.Equal(1, syncStatus.GetProperty("peer_count").GetInt32());

        await Expect.ErrorAsync(await root.PostJsonAsync("/sync/peers", new { label = "no address" }), HttpStatusCode.BadRequest);
        await Expect.ErrorAsync(await root.DeleteAsync("/sync/peers/not-a-number"), HttpStatusCode.BadRequest);
        await Expect.ErrorAsync(await root.DeleteAsync($"/sync/peers/{id + 1}"), HttpStatusCode.NotFound);

        var removed = await Expect.JsonAsync(await root.DeleteAsync($"/sync/peers/{id}"), HttpStatusCode.OK);
        Assert.True(removed.GetProperty("removed").GetBoolean());
        Assert.Equal(id, removed.GetProperty("node_id").GetUInt64());
        var empty = await Expect.JsonAsync(await root.GetAsync("/sync/peers"), HttpStatusCode.OK);
        Assert.Empty(empty.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Join_SixthAttemptWithinAMinute_Is429WithRetryAfter()
    {
        var root = await Node.RootAsync();
        void FromOneIp(HttpRequestMessage request) => request.Headers.Add("X-Forwarded-For", "203.0.113.7, 10.0.0.1");

        // Attempts count before node_url is checked: five rejected ones use up the minute.
        for (var i = 0; i < 5; i++)
        {
            await Expect.ErrorAsync(
                await root.SendAsync(HttpMethod.Post, "/sync/join", ApiClient.Json(new { label = "x" }), FromOneIp),
                HttpStatusCode.BadRequest,
                message: "Missing required field 'node_url'");
        }

        var limited = await root.SendAsync(HttpMethod.Post, "/sync/join", ApiClient.Json(new { node_url = "https://node-e.test:6830" }), FromOneIp);
        await Expect.ErrorAsync(limited, HttpStatusCode.TooManyRequests, message: "rate limit exceeded: per-minute limit exceeded");
        Assert.Equal("60", Expect.Header(limited, "Retry-After"));

        // Another caller IP has its own allowance, and an admitted join registers the joiner.
        var admitted = await Expect.JsonAsync(
            await root.SendAsync(HttpMethod.Post, "/sync/join", ApiClient.Json(new { node_url = "https://node-f.test:6830/" }), r => r.Headers.Add("X-Real-IP", "198.51.100.9")),
            HttpStatusCode.OK);
        Assert.Equal(Sorted("signing_key", "responding_node_id", "new_peer_node_id"), Expect.Keys(admitted));
        Assert.Equal(32, Convert.FromBase64String(admitted.GetProperty("signing_key").GetString()!).Length);
        var peers = await Expect.JsonAsync(await root.GetAsync("/sync/peers"), HttpStatusCode.OK);
        Assert.Contains(
            peers.GetProperty("items").EnumerateArray(),
            p => p.GetProperty("node_id").GetUInt64() == admitted.GetProperty("new_peer_node_id").GetUInt64()
                && p.GetProperty("address").GetString() == "https://node-f.test:6830");
    }

    [Theory]
    [InlineData("POST", "/sync/join")]
    [InlineData("POST", "/sync/peers")]
    [InlineData("GET", "/sync/peers")]
    [InlineData("DELETE", "/sync/peers/1")]
    [InlineData("GET", "/sync/status")]
    public async Task AdminRoutes_NonRootOrPeerToken_Are403(string method, string route)
    {
        var seed = PeerTokens.ReadSigningSeed(Node);
        var user = Node.WithToken(PeerTokens.Mint(seed, scope: null, subject: Guid.NewGuid().ToString()));
        var peer = Node.WithToken(await PeerTokens.ForNodeAsync(Node));
        var body = method == "POST" ? ApiClient.Json(new { address = "http://x.test", node_url = "http://x.test" }) : null;

        await Expect.ErrorAsync(await user.SendAsync(new HttpMethod(method), route, body), HttpStatusCode.Forbidden, message: "root access required");
        var peerBody = method == "POST" ? ApiClient.Json(new { address = "http://x.test", node_url = "http://x.test" }) : null;
        await Expect.ErrorAsync(await peer.SendAsync(new HttpMethod(method), route, peerBody), HttpStatusCode.Forbidden);
        await Expect.ErrorAsync(await Node.Anonymous.GetAsync("/sync/peers"), HttpStatusCode.Unauthorized);
    }

    private static string[] Sorted(params string[] names) => [.. names.Order(StringComparer.Ordinal)];
}
