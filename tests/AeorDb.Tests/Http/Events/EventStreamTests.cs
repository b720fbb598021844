using System.Net;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Events;

/// <summary><c>GET /system/events</c> and <c>GET /sync/events</c> against a real node (CONTRACT §6.3, §6.4).</summary>
[Collection(EventsNodeCollection.Name)]
public sealed class EventStreamTests(EventsNodeFixture fixture)
{
    internal static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task SystemEvents_Root_FirstFrameIsServerReady()
    {
        using var stream = await OpenAsync("/system/events", await Node.RootTokenAsync());

        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        var first = await stream.NextAsync(Wait);
        Assert.Equal("server_ready", first.Event);
        var envelope = first.Json;
        Assert.Equal(first.Id, envelope.GetProperty("event_id").GetString());
        Assert.Equal(("server_ready", "system"), (envelope.GetProperty("event_type").GetString(), envelope.GetProperty("user_id").GetString()));
        Assert.True(Guid.TryParse(first.Id, out _));
        var payload = first.Payload;
        Assert.Equal("ready", payload.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("version").GetString()));
        Assert.True(payload.GetProperty("uptime_ms").GetInt64() >= 0);
        Assert.InRange(payload.GetProperty("startup_time").GetInt64(), 1, envelope.GetProperty("timestamp").GetInt64());
    }

    [Fact]
    public async Task SystemEvents_Heartbeats_CarryTheNodesStableNonZeroIdOnAlignedIntents()
    {
        using var stream = await OpenAsync("/system/events?events=heartbeat", await Node.RootTokenAsync());

        var first = (await stream.NextOfTypeAsync("heartbeat", Wait)).Json;
        var second = (await stream.NextOfTypeAsync("heartbeat", Wait)).Json;

        Assert.Equal("system", first.GetProperty("user_id").GetString());
        var (a, b) = (first.GetProperty("payload").GetProperty("clock"), second.GetProperty("payload").GetProperty("clock"));
        Assert.NotEqual(0UL, a.GetProperty("node_id").GetUInt64());
        Assert.Equal(a.GetProperty("node_id").GetUInt64(), b.GetProperty("node_id").GetUInt64());
        Assert.Equal(0, a.GetProperty("intent_time").GetInt64() % EventsNodeFixture.HeartbeatMs);
        Assert.True(b.GetProperty("intent_time").GetInt64() > a.GetProperty("intent_time").GetInt64());
        Assert.True(a.GetProperty("construct_time").GetInt64() >= a.GetProperty("intent_time").GetInt64());
    }

    [Fact]
    public async Task SystemEvents_TypeFilterWithoutServerReady_SkipsIt()
    {
        using var stream = await OpenAsync("/system/events?events=heartbeat", await Node.RootTokenAsync());

        Assert.Equal("heartbeat", (await stream.NextAsync(Wait)).Event);
    }

    [Fact]
    public async Task Put_ThenDelete_StreamsEntriesCreatedWithBlake3ThenEntriesDeleted()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("events") + "/data.bin";
        var bytes = new byte[300_000];
        new Random(11).NextBytes(bytes);
        using var stream = await OpenReadyAsync($"/system/events?events=server_ready,entries_created,entries_deleted&path_prefix={path}", await Node.RootTokenAsync());

        var put = await root.PutFileAsync(path, bytes, "application/octet-stream");
        var created = await stream.NextOfTypeAsync("entries_created", Wait);
        using (var deleted = await root.DeleteAsync("/files" + path))
        {
            await Expect.JsonAsync(deleted, HttpStatusCode.OK);
        }

        var removed = await stream.NextOfTypeAsync("entries_deleted", Wait);

        Assert.Equal(AeorDbNode.RootUserId, created.Json.GetProperty("user_id").GetString());
        var entry = Assert.Single(created.Payload.GetProperty("entries").EnumerateArray());
        Assert.Equal((path, "file"), (entry.GetProperty("path").GetString(), entry.GetProperty("entry_type").GetString()));
        Assert.Equal(bytes.Length, entry.GetProperty("size").GetInt64());
        Assert.Equal(Blake3.Hasher.Hash(bytes).ToString(), entry.GetProperty("hash").GetString());
        Assert.NotEqual(put.GetProperty("hash").GetString(), entry.GetProperty("hash").GetString());
        Assert.Equal(put.GetProperty("updated_at").GetInt64(), entry.GetProperty("updated_at").GetInt64());
        Assert.Equal([path], removed.Paths);
    }

    [Fact]
    public async Task SymlinkAndRename_StreamSymlinkCreated_ThenDeletedOldAndCreatedNew()
    {
        var root = await Node.RootAsync();
        var area = TestPaths.Unique("events");
        await root.PutTextAsync($"{area}/a.txt", "moving");
        using var stream = await OpenReadyAsync($"/system/events?events=server_ready,entries_created,entries_deleted&path_prefix={area}", await Node.RootTokenAsync());

        using (var link = await root.PutJsonAsync($"/links{area}/link", new { target = $"{area}/a.txt" }))
        {
            await Expect.JsonAsync(link, HttpStatusCode.Created);
        }

        using (var rename = await root.PatchJsonAsync($"/files{area}/a.txt", new { to = $"{area}/b.txt" }))
        {
            await Expect.JsonAsync(rename, HttpStatusCode.OK);
        }

        var symlink = await stream.NextOfTypeAsync("entries_created", Wait);
        var entry = Assert.Single(symlink.Payload.GetProperty("entries").EnumerateArray());
        Assert.Equal(($"{area}/link", "symlink"), (entry.GetProperty("path").GetString(), entry.GetProperty("entry_type").GetString()));
        Assert.Equal([$"{area}/a.txt"], (await stream.NextOfTypeAsync("entries_deleted", Wait)).Paths);
        Assert.Equal([$"{area}/b.txt"], (await stream.NextOfTypeAsync("entries_created", Wait)).Paths);
    }

    [Fact]
    public async Task SyncEvents_Root_IsServed()
    {
        using var stream = await OpenAsync("/sync/events", await Node.RootTokenAsync());

        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("server_ready", (await stream.NextAsync(Wait)).Event);
    }

    [Fact]
    public async Task Events_NoToken_Is401()
    {
        using var stream = await OpenAsync("/system/events", null);

        Assert.Equal(HttpStatusCode.Unauthorized, stream.Response.StatusCode);
    }

    internal Task<SseStream> OpenAsync(string pathAndQuery, string? token) => SseStream.OpenAsync(Node.Http, pathAndQuery, token);

    /// <summary>Opens a stream and waits for its server_ready frame: from then on the subscription is live.</summary>
    internal async Task<SseStream> OpenReadyAsync(string pathAndQuery, string? token)
    {
        var stream = await OpenAsync(pathAndQuery, token);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("server_ready", (await stream.NextAsync(Wait)).Event);
        return stream;
    }
}
