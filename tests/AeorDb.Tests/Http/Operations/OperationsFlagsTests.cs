using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Operations;

/// <summary>
/// A real node started with <c>--dashboard --request-log --metrics-public</c> and a readiness disk threshold above
/// any disk's free space: it serves, is not ready, shows metrics to anyone, the dashboard to root, and logs requests.
/// </summary>
public sealed class OperationsFlagsTests(OperationsFlagsFixture fixture) : IClassFixture<OperationsFlagsFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task Ready_DiskBelowThreshold_Returns503NamingTheDiskCheck()
    {
        using var response = await Node.Anonymous.GetAsync("/health/ready");

        var body = await Expect.JsonAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        var disk = HealthEndpointTests.Check(body, "disk");
        Assert.Equal("unhealthy", disk.GetProperty("status").GetString());
        Assert.Equal(long.Parse(OperationsFlagsFixture.UnreachableMinFreeMb) * 1024 * 1024, disk.GetProperty("data").GetProperty("min_free_bytes").GetInt64());
        Assert.Equal("healthy", HealthEndpointTests.Check(body, "store").GetProperty("status").GetString());
    }

    [Fact]
    public async Task LiveAndSystemHealth_DiskBelowReadyThreshold_StillAnswerAsTheContractSays()
    {
        await Expect.JsonAsync(await Node.Anonymous.GetAsync("/health/live"), HttpStatusCode.OK);

        // /system/health keeps the contract's rule (disk used above 90 %/98 %) and shape, not the readiness threshold.
        var health = await Expect.JsonAsync(await Node.Anonymous.GetAsync("/system/health"), HttpStatusCode.OK);
        Assert.Equal(["status", "version"], Expect.Keys(health));
    }

    [Fact]
    public async Task Metrics_MetricsPublic_ServedWithoutToken()
    {
        var scrape = await PrometheusScrape.TakeAsync(Node.Anonymous);

        Assert.True(scrape.Has("aeordb_http_requests_total"), scrape.Text);
    }

    [Fact]
    public async Task Dashboard_WithFlag_RootOnly()
    {
        using var anonymous = await Node.Anonymous.GetAsync("/dashboard/");
        await Expect.ErrorAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, header => header.Scheme == "Basic");

        var root = await Node.RootAsync();
        using var page = await root.GetAsync("/dashboard/");
        Assert.Contains("<html", await Expect.StatusAsync(page, HttpStatusCode.OK), StringComparison.OrdinalIgnoreCase);

        // A browser repeats Basic credentials: any user name, the root JWT as password.
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("root:" + await Node.RootTokenAsync()));
        using var browser = await Node.Anonymous.GetAsync("/dashboard/", request => request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic));
        await Expect.StatusAsync(browser, HttpStatusCode.OK);
    }

    [Fact]
    public async Task RequestLog_WithFlag_OneLinePerRequestWithRouteAndKeyButNoToken()
    {
        var root = await Node.RootAsync();
        var token = await Node.RootTokenAsync();
        var path = TestPaths.Unique("logged") + "/a.txt";
        await root.PutTextAsync(path, "logged");

        // A token in the query string (as some clients send it) must not reach the log either.
        using var response = await root.GetAsync($"/files{path}?token={token}");
        await Expect.StatusAsync(response, HttpStatusCode.OK);

        Assert.True(
            await Poll.UntilAsync(() => Node.Output.Stderr.Any(line => line.Contains("GET /files/{**path} 200", StringComparison.Ordinal)), Deadline),
            "no request line for the GET:\n" + Node.Output.Tail());
        var line = Node.Output.Stderr.First(l => l.Contains("GET /files/{**path} 200", StringComparison.Ordinal));
        Assert.Matches(@"key=[0-9a-f-]{36}", line);
        Assert.Contains(Node.Output.Stderr, l => l.Contains("PUT /files/{**path} 201 in=6", StringComparison.Ordinal));
        Assert.DoesNotContain(token, Node.Output.StderrText, StringComparison.Ordinal);
    }
}
