using System.Net;
using System.Text.Json;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Operations;

/// <summary><c>/health/live</c> and <c>/health/ready</c> on a real node that is ready, and on one whose disk is below its threshold.</summary>
public sealed class HealthEndpointTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    /// <summary>The check named <paramref name="name"/> in a health body.</summary>
    public static JsonElement Check(JsonElement body, string name) =>
        body.GetProperty("checks").EnumerateArray().Single(check => check.GetProperty("name").GetString() == name);

    private static string[] CheckNames(JsonElement body) =>
        body.GetProperty("checks").EnumerateArray().Select(check => check.GetProperty("name").GetString()!).ToArray();

    [Fact]
    public async Task Live_Serving_Returns200ListingTheProcessCheck()
    {
        using var response = await fixture.Node.Anonymous.GetAsync("/health/live");

        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal(["process"], CheckNames(body));
    }

    [Fact]
    public async Task Ready_Serving_Returns200ListingEveryCheckHealthy()
    {
        using var response = await fixture.Node.Anonymous.GetAsync("/health/ready");

        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(["disk", "membership", "startup", "store"], CheckNames(body).Order());
        Assert.All(body.GetProperty("checks").EnumerateArray(), check => Assert.NotEqual("unhealthy", check.GetProperty("status").GetString()));
        Assert.Equal("active", Check(body, "membership").GetProperty("data").GetProperty("silo_status").GetString()!.ToLowerInvariant());
    }
}
