using System.Net;
using AeorDb.Tests.Http.Auth;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Operations;

/// <summary><c>GET /metrics</c> on a real node: root only by default, and the families and counters an operator graphs.</summary>
public sealed class MetricsTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task Metrics_NoToken_Returns401()
    {
        using var response = await Node.Anonymous.GetAsync("/metrics");

        await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Metrics_ScopedKey_Returns403()
    {
        var root = await Node.RootAsync();
        var key = await root.CreateKeyAsync(new { label = "reader", rules = new[] { new Dictionary<string, string> { ["/public/**"] = "-r--l---" } } });
        var token = (await Node.MintTokenAsync(key.GetProperty("key").GetString()!)).GetProperty("token").GetString()!;

        using var response = await Node.WithToken(token).GetAsync("/metrics");

        await Expect.ErrorAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Metrics_AfterPutAndGet_CountersMoveAndEveryFamilyIsServed()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("metrics") + "/a.txt";
        var before = await PrometheusScrape.TakeAsync(root);

        await root.PutTextAsync(path, "counted");
        await Expect.BytesAsync(await root.GetAsync("/files" + path), HttpStatusCode.OK);

        // A request is counted when its pipeline returns, which may be just after the client has the whole answer.
        string[] put = ["family=\"files\"", "method=\"PUT\"", "status=\"201\""];
        PrometheusScrape after = before;
        Assert.True(
            await Poll.UntilAsync(
                async () =>
                {
                    after = await PrometheusScrape.TakeAsync(root);
                    return after.Sum("aeordb_http_requests_total", put) >= before.Sum("aeordb_http_requests_total", put) + 1
                        && after.Sum("aeordb_files_get_duration_seconds_count") >= before.Sum("aeordb_files_get_duration_seconds_count") + 1;
                },
                Deadline),
            after.Text);
        Assert.True(after.Sum("aeordb_files_put_duration_seconds_count") >= before.Sum("aeordb_files_put_duration_seconds_count") + 1);
        Assert.True(after.Sum("aeordb_files_get_duration_seconds_count") >= before.Sum("aeordb_files_get_duration_seconds_count") + 1);
        Assert.True(after.Sum("aeordb_http_request_bytes_total", "family=\"files\"") >= before.Sum("aeordb_http_request_bytes_total", "family=\"files\"") + "counted".Length);
        Assert.True(after.Sum("aeordb_tree_commits_total") >= before.Sum("aeordb_tree_commits_total") + 1);
        Assert.True(after.Has("aeordb_tree_commit_batch_size_bucket"));
        Assert.True(after.Has("aeordb_store_write_batch_size_bucket"));

        // The ASP.NET Core and Orleans meters ride along.
        Assert.True(after.Has("http_server_request_duration_seconds_count"), "no ASP.NET Core meter");
        Assert.Contains(after.Names, name => name.StartsWith("orleans_", StringComparison.Ordinal));

        // Gauges read from memory, refreshed in the background: they appear within a scrape or two.
        Assert.True(await Poll.UntilAsync(async () => (await PrometheusScrape.TakeAsync(root)).Sum("aeordb_store_objects") > 0, Deadline), "aeordb_store_objects never appeared");
        var gauges = await PrometheusScrape.TakeAsync(root);
        Assert.True(gauges.Sum("aeordb_store_bytes") >= "counted".Length);
        Assert.True(gauges.Has("aeordb_conflicts_open"));
    }

    [Fact]
    public async Task Metrics_AfterGarbageCollection_CountsTheRunAndWhatItReclaimed()
    {
        var root = await Node.RootAsync();
        var before = await PrometheusScrape.TakeAsync(root);

        await Expect.JsonAsync(await root.PostJsonAsync("/admin/gc", new { }), HttpStatusCode.OK);

        PrometheusScrape after = before;
        Assert.True(
            await Poll.UntilAsync(
                async () =>
                {
                    after = await PrometheusScrape.TakeAsync(root);
                    return after.Sum("aeordb_gc_runs_total", "result=\"ok\"") >= before.Sum("aeordb_gc_runs_total", "result=\"ok\"") + 1;
                },
                Deadline),
            after.Text);
        Assert.True(after.Has("aeordb_gc_reclaimed_bytes_total"));
        Assert.True(after.Has("aeordb_gc_duration_seconds_count"));
    }
}
