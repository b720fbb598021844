using System.Net;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Events;

/// <summary>A key with rules on the event streams (CONTRACT §6.4, §5): it sees only events on paths it may read.</summary>
[Collection(EventsNodeCollection.Name)]
public sealed class ScopedEventStreamTests(EventsNodeFixture fixture)
{
    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task SystemEvents_ScopedKey_SeesOnlyItsPaths()
    {
        var root = await Node.RootAsync();
        var area = TestPaths.Unique("scoped");
        var token = await ScopedTokenAsync(root, $"{area}/assets/**");

        // ?token= as a browser EventSource sends it.
        using var stream = await SseStream.OpenAsync(Node.Http, $"/system/events?events=server_ready,entries_created&token={token}", null);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("server_ready", (await stream.NextAsync(EventStreamTests.Wait)).Event);

        await root.PutTextAsync($"{area}/secret.txt", "not for designers");
        await root.PutTextAsync($"{area}/assets/logo.txt", "a logo");

        // Events arrive in publish order: had the secret leaked, it would come first.
        var first = await stream.NextOfTypeAsync("entries_created", EventStreamTests.Wait);
        Assert.Equal([$"{area}/assets/logo.txt"], first.Paths);
    }

    [Fact]
    public async Task SyncEvents_ScopedKey_Is403RootRequired()
    {
        var root = await Node.RootAsync();
        var token = await ScopedTokenAsync(root, TestPaths.Unique("scoped") + "/**");

        using var response = await Node.WithToken(token).GetAsync("/sync/events");

        var error = await Expect.ErrorAsync(response, HttpStatusCode.Forbidden);
        Assert.StartsWith("root access required", error.GetProperty("error").GetString());
    }

    /// <summary>A JWT of a fresh root-owned key that may read and list <paramref name="glob"/> only.</summary>
    private async Task<string> ScopedTokenAsync(ApiClient root, string glob)
    {
        var body = new
        {
            label = "events only here",
            rules = new[]
            {
                new Dictionary<string, string> { [glob] = "-r--l---" },
                new Dictionary<string, string> { ["**"] = "--------" },
            },
        };
        using var created = await root.PostJsonAsync("/auth/keys", body);
        var key = (await Expect.JsonAsync(created, HttpStatusCode.Created)).GetProperty("key").GetString()!;
        return (await Node.MintTokenAsync(key)).GetProperty("token").GetString()!;
    }
}
