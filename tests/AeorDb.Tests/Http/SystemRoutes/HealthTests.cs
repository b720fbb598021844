using System.Net;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.SystemRoutes;

/// <summary>CONTRACT §8 (health) and §1.1 (unknown routes, wrong methods) against a real node.</summary>
public sealed class HealthTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task Health_Serving_Returns200HealthyWithVersionOnly()
    {
        using var response = await Node.Anonymous.GetAsync("/system/health");

        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", body.GetProperty("version").GetString());
        // The body never carries peer, auth or engine detail.
        Assert.Equal(["status", "version"], Expect.Keys(body));
    }

    [Fact]
    public async Task UnknownRoute_Any_Returns404WithoutBody()
    {
        using var response = await Node.Anonymous.GetAsync("/no-such-route/anywhere");

        await Expect.EmptyAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Health_WrongMethod_Returns405WithoutBody()
    {
        using var response = await Node.Anonymous.DeleteAsync("/system/health");

        await Expect.EmptyAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public void Start_FirstRun_PrintsBannerThenRootKeyBlock()
    {
        var lines = Node.Runs[0].Stdout;
        int IndexOf(string prefix) => lines.ToList().FindIndex(l => l.StartsWith(prefix, StringComparison.Ordinal));

        Assert.Matches(@"^AeorDB v\d+\.\d+\.\d+", lines.FirstOrDefault(l => l.StartsWith("AeorDB v", StringComparison.Ordinal)) ?? "");
        Assert.Contains($"Database: {Node.DatabasePath}", lines);
        Assert.Contains("Host: 127.0.0.1", lines);
        Assert.Contains($"Port: {Node.Port}", lines);
        Assert.Contains("Auth: self-contained", lines);
        Assert.Contains("CORS: disabled", lines);
        Assert.Contains($"Listening on http://127.0.0.1:{Node.Port}", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("TLS:", StringComparison.Ordinal));

        int[] order =
        [
            IndexOf("AeorDB v"), IndexOf("Database: "), IndexOf("Host: "), IndexOf("Port: "), IndexOf("Auth: "),
            IndexOf("Hot dir: "), IndexOf("CORS: "), IndexOf("Listening on "), IndexOf("  ROOT API KEY (shown once, save it now!):"),
        ];
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);

        var keyLine = order[^1];
        Assert.Equal("  " + Node.RootKey, lines[keyLine + 1]);
        Assert.Matches("^=+$", lines[keyLine - 1]);
        Assert.Matches("^=+$", lines[keyLine + 2]);
    }
}
