using System.Net;
using System.Text;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Errors;

/// <summary>CONTRACT §1.1–§1.2: JSON body rules (415, 400, 422, 413) in the one error shape.</summary>
public sealed class RequestErrorTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private AeorDbNode Node => fixture.Node;

    [Theory]
    [InlineData("POST", "/auth/token", false)]
    [InlineData("POST", "/auth/refresh", false)]
    [InlineData("POST", "/auth/keys", true)]
    [InlineData("PUT", "/links/{dir}/l", true)]
    public async Task JsonRoute_MissingContentType_Returns415(string method, string route, bool authenticated)
    {
        var caller = authenticated ? await Node.RootAsync() : Node.Anonymous;

        using var response = await caller.SendAsync(new HttpMethod(method), Route(route), ApiClient.Bytes(Encoding.UTF8.GetBytes("{}")));

        await Expect.ErrorAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("POST", "/auth/token", false)]
    [InlineData("POST", "/auth/refresh", false)]
    [InlineData("POST", "/auth/keys", true)]
    [InlineData("PUT", "/links/{dir}/l", true)]
    [InlineData("PATCH", "/files/{dir}/f.txt", true)]
    public async Task JsonRoute_MalformedJson_Returns400(string method, string route, bool authenticated)
    {
        var caller = authenticated ? await Node.RootAsync() : Node.Anonymous;
        var path = Route(route);
        if (method == "PATCH")
        {
            await caller.PutTextAsync(path["/files".Length..], "rename source");
        }

        using var response = await caller.SendAsync(new HttpMethod(method), path, ApiClient.Json("""{"api_key": """));

        await Expect.ErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("POST", "/auth/token", """{"api_key":123}""", false)]
    [InlineData("POST", "/auth/refresh", """{"refresh_token":["x"]}""", false)]
    [InlineData("POST", "/auth/keys", """{"expires_in_days":"soon"}""", true)]
    [InlineData("PUT", "/links/{dir}/l", """{"target":true}""", true)]
    [InlineData("PATCH", "/files/{dir}/f.txt", """{"to":5}""", true)]
    public async Task JsonRoute_WrongFieldTypes_Returns422(string method, string route, string json, bool authenticated)
    {
        var caller = authenticated ? await Node.RootAsync() : Node.Anonymous;
        var path = Route(route);
        if (method == "PATCH")
        {
            await caller.PutTextAsync(path["/files".Length..], "rename source");
        }

        using var response = await caller.SendAsync(new HttpMethod(method), path, ApiClient.Json(json));

        await Expect.ErrorAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("/auth/token", false)]
    [InlineData("/auth/keys", true)]
    public async Task JsonRoute_BodyOverOneMebibyte_Returns413(string route, bool authenticated)
    {
        var caller = authenticated ? await Node.RootAsync() : Node.Anonymous;
        var json = $$"""{"label":"{{new string('x', (1 << 20) + 1024)}}"}""";

        // Expect: 100-continue lets the node refuse on Content-Length before the body is sent.
        using var response = await caller.SendAsync(HttpMethod.Post, route, ApiClient.Json(json), r => r.Headers.ExpectContinue = true);

        await Expect.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Token_UnknownKey_Returns401InErrorShape()
    {
        using var response = await Node.Anonymous.PostJsonAsync("/auth/token", new { api_key = Auth.KeyTestExtensions.UnknownKey() });

        await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    private static string Route(string route) => route.Replace("{dir}", TestPaths.Unique("err").TrimStart('/'), StringComparison.Ordinal);
}
