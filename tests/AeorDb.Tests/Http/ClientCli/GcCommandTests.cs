using System.Net;
using System.Text;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.ClientCli;

/// <summary>
/// <c>aeordb gc</c> against the contract of <c>POST /admin/gc[?dry_run=true]</c>: a node without the route gets one
/// clear line and exit 1; the answer's figures are printed as a sentence or as JSON. A one-route HTTP listener plays
/// the node, because which nodes have the collector is what these tests vary.
/// </summary>
public sealed class GcCommandTests
{
    private const string GcAnswer =
        """{"versions_scanned":12,"live_entries":40,"garbage_entries":7,"reclaimed_bytes":3145728,"duration_ms":18,"dry_run":true}""";

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
    public async Task Gc_DryRun_PrintsFiguresAndSendsTheQuery()
    {
        await using var node = await FakeNode.StartAsync(HttpStatusCode.OK, GcAnswer);
        using var cli = new CliHarness(node.Url, "aeor_k_0123456789abcdef_" + new string('a', 64));

        var stdout = CliHarness.Ok(await cli.RunAsync("gc", "--dry-run"));

        Assert.Equal("Scanned 12 versions: 40 live, 7 garbage; would reclaim 3.0 MiB in 18 ms.", stdout.Trim());
        Assert.Equal("POST /admin/gc?dry_run=true", node.Requests[^1]);
        Assert.Equal("Bearer jwt-from-fake-node", node.LastAuthorization);
    }

    [Fact]
    public async Task Gc_Json_PrintsTheNodesAnswer()
    {
        await using var node = await FakeNode.StartAsync(HttpStatusCode.OK, GcAnswer);
        using var cli = new CliHarness(node.Url, "aeor_k_0123456789abcdef_" + new string('a', 64));

        var body = await cli.JsonAsync("gc");

        Assert.Equal(3145728, body.GetProperty("reclaimed_bytes").GetInt64());
        Assert.Equal("POST /admin/gc", node.Requests[^1]);
    }

    [Fact]
    public async Task Gc_NonRoot_ExitsThree()
    {
        await using var node = await FakeNode.StartAsync(HttpStatusCode.Forbidden, """{"error":"root access required","code":"FORBIDDEN"}""");
        using var cli = new CliHarness(node.Url, "aeor_k_0123456789abcdef_" + new string('a', 64));

        var line = CliHarness.Fails(await cli.RunAsync("gc"), 3);

        Assert.Equal("aeordb: POST /admin/gc: 403 root access required", line);
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

        public string? LastAuthorization { get; private set; }

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
                if (request.Url.AbsolutePath == "/admin/gc")
                {
                    LastAuthorization = request.Headers["Authorization"];
                }

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
