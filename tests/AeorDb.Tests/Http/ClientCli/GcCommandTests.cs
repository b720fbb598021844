using System.Net;
using System.Text;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.ClientCli;

/// <summary>
/// <c>aeordb gc</c> against <c>POST /admin/gc[?dry_run=true]</c> of a real node: figures as a sentence or as JSON,
/// exit 3 for a key without root rights. An older node without the route is played by a one-route HTTP listener,
/// since no build of this node lacks it: the client must still say so in one clear line and exit 1.
/// </summary>
public sealed class GcCommandTests
{
    [Fact]
    public async Task Gc_NodeWithoutCollector_ExitsOneWithClearLine()
    {
        await using var node = await FakeNode.StartAsync(gcStatus: HttpStatusCode.NotFound, gcBody: "");
        using var cli = new CliHarness(node.Url, "aeor_k_0123456789abcdef_" + new string('a', 64));

        var line = CliHarness.Fails(await cli.RunAsync("gc"), 1);

        Assert.Equal("aeordb: this node has no garbage collector (POST /admin/gc answered 404); upgrade it", line);
        Assert.Equal(["POST /auth/token", "POST /admin/gc"], node.Requests);
    }

    [Fact]
    public async Task Gc_RealNode_DryRunThenCollectReportsTheOverwrittenVersion()
    {
        await using var node = await AeorDbNode.StartAsync(new NodeOptions { ExtraArguments = ["--history-keep-versions", "0", "--history-keep-days", "0"] });
        var root = await node.RootAsync();
        await root.PutFileAsync("/gc/cli.bin", Enumerable.Repeat((byte)1, 300_000).ToArray());
        await root.PutFileAsync("/gc/cli.bin", Enumerable.Repeat((byte)2, 300_000).ToArray());
        using var cli = new CliHarness(node.BaseUrl, node.RootKey);

        var dry = CliHarness.Ok(await cli.RunAsync("gc", "--dry-run"));
        Assert.Matches(@"^Scanned \d+ versions: \d+ live, [1-9]\d* garbage; would reclaim [\d.]+ [KMG]?i?B in \d+ ms\.$", dry.Trim());

        var collected = await cli.JsonAsync("gc");
        Assert.False(collected.GetProperty("dry_run").GetBoolean());
        Assert.True(collected.GetProperty("reclaimed_bytes").GetInt64() >= 300_000, collected.ToString());

        var after = await cli.JsonAsync("gc", "--dry-run");
        Assert.Equal(0, after.GetProperty("garbage_entries").GetInt64());
        using var read = await root.GetAsync("/files/gc/cli.bin");
        Assert.Equal(Enumerable.Repeat((byte)2, 300_000).ToArray(), await read.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Gc_RealNodeNonRootKey_ExitsThree()
    {
        await using var node = await AeorDbNode.StartAsync();
        var root = await node.RootAsync();
        var key = await Expect.JsonAsync(
            await root.PostJsonAsync("/auth/keys", new { label = "not root", user_id = Guid.NewGuid().ToString() }), HttpStatusCode.Created);
        using var cli = new CliHarness(node.BaseUrl, key.GetProperty("key").GetString()!);

        var line = CliHarness.Fails(await cli.RunAsync("gc"), 3);

        Assert.StartsWith("aeordb: POST /admin/gc: 403 ", line);
    }

    /// <summary>Answers <c>POST /auth/token</c> with a token and <c>POST /admin/gc</c> as told; records what it was sent.</summary>
    private sealed class FakeNode : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        private FakeNode(int port, HttpStatusCode gcStatus, string gcBody)
        {
            Url = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Add(Url.ToString());
            _listener.Start();
            _loop = ServeAsync(gcStatus, gcBody);
        }

        public Uri Url { get; }

        public List<string> Requests { get; } = [];

        public static Task<FakeNode> StartAsync(HttpStatusCode gcStatus, string gcBody) =>
            Task.FromResult(new FakeNode(FreePort.Next(), gcStatus, gcBody));

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            try
            {
                await _loop;
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                // Stopping the listener ends the loop's pending accept.
            }
        }

        private async Task ServeAsync(HttpStatusCode gcStatus, string gcBody)
        {
            while (_listener.IsListening)
            {
                var context = await _listener.GetContextAsync();
                var request = context.Request;
                lock (Requests)
                {
                    Requests.Add($"{request.HttpMethod} {request.Url!.PathAndQuery}");
                }

                var (status, body) = request.Url!.AbsolutePath switch
                {
                    "/auth/token" => (HttpStatusCode.OK, """{"token":"jwt-from-fake-node","expires_in":3600}"""),
                    "/admin/gc" => (gcStatus, gcBody),
                    _ => (HttpStatusCode.NotFound, ""),
                };
                context.Response.StatusCode = (int)status;
                var bytes = Encoding.UTF8.GetBytes(body);
                if (bytes.Length > 0)
                {
                    context.Response.ContentType = "application/json";
                }

                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }
    }
}
