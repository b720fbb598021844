using System.Net;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Auth;

/// <summary>
/// CONTRACT §3.4–§3.6 as seen by a non-root user: root issues a key for another <c>user_id</c> (§3.4), and
/// that user's JWT meets the root-only and ownership checks.
/// </summary>
public sealed class NonRootCallerTests(NodeFixture fixture) : IClassFixture<NodeFixture>, IAsyncLifetime
{
    private ApiClient _root = null!;
    private ApiClient _user = null!;
    private string _userId = null!;

    private AeorDbNode Node => fixture.Node;

    public async Task InitializeAsync()
    {
        _root = await Node.RootAsync();
        _userId = Guid.NewGuid().ToString();
        var key = await _root.CreateKeyAsync(new { label = "for a user", user_id = _userId });
        Assert.Equal(_userId, key.GetProperty("user_id").GetString());
        var token = (await Node.MintTokenAsync(key.GetProperty("key").GetString()!)).GetProperty("token").GetString()!;
        Assert.Equal(_userId, Jwt.Payload(token).GetProperty("sub").GetString());
        _user = Node.WithToken(token);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CreateKey_OwnWithoutUserId_Returns201ForSelf()
    {
        var body = await _user.CreateKeyAsync(new { label = "mine" });

        Assert.Equal(_userId, body.GetProperty("user_id").GetString());
    }

    [Fact]
    public async Task CreateKey_NamingAnotherUser_Returns403()
    {
        using var response = await _user.PostJsonAsync("/auth/keys", new { label = "theirs", user_id = Guid.NewGuid().ToString() });

        await Expect.ErrorAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ListKeys_NonRoot_SeesOnlyOwnKeys()
    {
        using var response = await _user.GetAsync("/auth/keys");

        var keys = (await Expect.JsonAsync(response, HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Equal(_userId, k.GetProperty("user_id").GetString()));
    }

    [Fact]
    public async Task ListUsers_NonRoot_SeesOnlySelf()
    {
        using var response = await _user.GetAsync("/auth/keys/users");

        var user = Assert.Single((await Expect.JsonAsync(response, HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        Assert.Equal(_userId, user.GetProperty("user_id").GetString());
    }

    [Fact]
    public async Task RevokeKey_AnotherUsersKey_Returns403AndKeyStillWorks()
    {
        var rootKey = await _root.CreateKeyAsync(new { label = "root's own" });

        using (var response = await _user.DeleteAsync("/auth/keys/" + rootKey.GetProperty("key_id").GetString()))
        {
            await Expect.ErrorAsync(response, HttpStatusCode.Forbidden);
        }

        await Node.MintTokenAsync(rootKey.GetProperty("key").GetString()!);
    }

    [Theory]
    [InlineData("GET", "/auth/keys/admin")]
    [InlineData("POST", "/auth/keys/admin")]
    [InlineData("PATCH", "/auth/keys/admin/{key}")]
    [InlineData("DELETE", "/auth/keys/admin/{key}")]
    public async Task AdminRoutes_NonRoot_Return403(string method, string route)
    {
        var rootKeyId = (await _root.CreateKeyAsync(new { label = "target" })).GetProperty("key_id").GetString()!;
        var content = method is "POST" or "PATCH" ? ApiClient.Json(new { label = "x" }) : null;

        using var response = await _user.SendAsync(new HttpMethod(method), route.Replace("{key}", rootKeyId, StringComparison.Ordinal), content);

        await Expect.ErrorAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ReadFile_UserWithoutGrants_Returns403PermissionDenied()
    {
        var path = TestPaths.Unique("private") + "/secret.txt";
        await _root.PutTextAsync(path, "root only");

        using var response = await _user.GetAsync("/files" + path);

        await Expect.ErrorAsync(response, HttpStatusCode.Forbidden, message: "Permission denied");
    }

    [Fact]
    public async Task ListRoot_UserWithoutGrants_SeesNothingOfRoots()
    {
        var directory = TestPaths.Unique("unseen");
        await _root.PutTextAsync(directory + "/f.txt", "root only");

        using var response = await _user.GetAsync("/files/");

        if (response.StatusCode == HttpStatusCode.OK)
        {
            var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
            Assert.DoesNotContain(body.GetProperty("items").EnumerateArray(), i => i.GetProperty("path").GetString() == directory);
        }
        else
        {
            await Expect.ErrorAsync(response, HttpStatusCode.Forbidden);
        }
    }
}
