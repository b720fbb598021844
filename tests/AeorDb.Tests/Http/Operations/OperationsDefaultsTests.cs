using System.Net;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Operations;

/// <summary>A node started without the operations flags: no dashboard, no request log.</summary>
public sealed class OperationsDefaultsTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task Dashboard_Default_Returns404EvenForRoot()
    {
        var root = await Node.RootAsync();

        using var response = await root.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RequestLog_Default_WritesNoRequestLines()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("quiet") + "/a.txt";
        await root.PutTextAsync(path, "quiet");
        await Expect.StatusAsync(await root.GetAsync("/files" + path), HttpStatusCode.OK);

        // The request log's lines carry its category; a node without the flag never writes one.
        await Expect.StatusAsync(await Node.Anonymous.GetAsync("/system/health"), HttpStatusCode.OK);
        Assert.DoesNotContain(Node.Output.Stderr, line => line.Contains("AeorDb.Requests", StringComparison.Ordinal));
    }
}
