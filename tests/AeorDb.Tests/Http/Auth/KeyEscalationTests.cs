using System.Net;
using System.Text.Json;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Auth;

/// <summary>
/// Issue 13 item 1, as an attacker holding a scoped key would try it against a real node: a key with rules may not
/// create keys (so it cannot mint an unscoped one, which for a root-owned key is root), sees only its own key record
/// and may revoke only itself. An unscoped user may create keys for itself only and manage only its own keys.
/// </summary>
public sealed class KeyEscalationTests(NodeFixture fixture) : IClassFixture<NodeFixture>, IAsyncLifetime
{
    private ApiClient _root = null!;
    private ApiClient _scoped = null!;
    private string _scopedKey = null!;
    private string _scopedKeyId = null!;

    private AeorDbNode Node => fixture.Node;

    public async Task InitializeAsync()
    {
        _root = await Node.RootAsync();
        await _root.PutTextAsync("/escalation/secret.txt", "root only");
        await _root.PutTextAsync("/escalation/assets/logo.txt", "shared");
        var key = await _root.CreateKeyAsync(new
        {
            label = "assets only",
            rules = new[]
            {
                new Dictionary<string, string> { ["/escalation/assets/**"] = "-r--l---" },
                new Dictionary<string, string> { ["**"] = "--------" },
            },
        });
        _scopedKey = key.GetProperty("key").GetString()!;
        _scopedKeyId = key.GetProperty("key_id").GetString()!;
        _scoped = Node.WithToken((await Node.MintTokenAsync(_scopedKey)).GetProperty("token").GetString()!);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ScopedKey_CreateKeyWithoutRules_Returns403AndNoKeyExists()
    {
        var before = await AllKeyIdsAsync();

        using var response = await _scoped.PostJsonAsync("/auth/keys", new { });

        await Expect.ErrorAsync(response, HttpStatusCode.Forbidden, code: "FORBIDDEN");
        Assert.Equal(before, await AllKeyIdsAsync());
    }

    [Fact]
    public async Task ScopedKey_CreateBroaderKey_Returns403()
    {
        using var response = await _scoped.PostJsonAsync("/auth/keys", new { rules = new[] { new Dictionary<string, string> { ["**"] = "crudlify" } } });

        await Expect.ErrorAsync(response, HttpStatusCode.Forbidden, code: "FORBIDDEN");
    }

    [Fact]
    public async Task ScopedKey_CreateNarrowerKey_Returns403()
    {
        using var response = await _scoped.PostJsonAsync("/auth/keys", new { rules = new[] { new Dictionary<string, string> { ["/escalation/assets/**"] = "-r------" } } });

        await Expect.ErrorAsync(response, HttpStatusCode.Forbidden, code: "FORBIDDEN");
    }

    [Fact]
    public async Task ScopedKey_CreateAdminKey_Returns403()
    {
        using var response = await _scoped.PostJsonAsync("/auth/keys/admin", new { });

        await Expect.ErrorAsync(response, HttpStatusCode.Forbidden, code: "FORBIDDEN");
    }

    [Fact]
    public async Task ScopedKey_ListKeys_SeesOnlyItsOwnRecord()
    {
        using var response = await _scoped.GetAsync("/auth/keys");

        var keys = await Expect.JsonAsync(response, HttpStatusCode.OK);
        var ids = keys.EnumerateArray().Select(k => k.GetProperty("key_id").GetString()).ToList();
        Assert.Equal([_scopedKeyId], ids);
    }

    [Fact]
    public async Task ScopedKey_RevokePrintedRootKey_Returns403AndRootStillWorks()
    {
        var rootKeyId = await KeyIdOfAsync(Node.RootKey!);

        using var response = await _scoped.DeleteAsync($"/auth/keys/{rootKeyId}");

        await Expect.ErrorAsync(response, HttpStatusCode.Forbidden, code: "FORBIDDEN");
        using var token = await Node.Anonymous.PostJsonAsync("/auth/token", new { api_key = Node.RootKey });
        await Expect.JsonAsync(token, HttpStatusCode.OK);
    }

    [Fact]
    public async Task ScopedKey_RevokeRootAdminKey_Returns403()
    {
        using var created = await _root.PostJsonAsync("/auth/keys/admin", new { });
        var adminKeyId = (await Expect.JsonAsync(created, HttpStatusCode.Created)).GetProperty("key_id").GetString();

        using var response = await _scoped.DeleteAsync($"/auth/keys/{adminKeyId}");

        await Expect.ErrorAsync(response, HttpStatusCode.Forbidden, code: "FORBIDDEN");
        Assert.False(await IsRevokedAsync(adminKeyId!));
    }

    [Fact]
    public async Task ScopedKey_RevokeItself_Returns200AndItsTokenStops()
    {
        var key = await _root.CreateKeyAsync(new { rules = new[] { new Dictionary<string, string> { ["/escalation/assets/**"] = "-r--l---" } } });
        var keyId = key.GetProperty("key_id").GetString()!;
        var self = Node.WithToken((await Node.MintTokenAsync(key.GetProperty("key").GetString()!)).GetProperty("token").GetString()!);

        using var response = await self.DeleteAsync($"/auth/keys/{keyId}");

        await Expect.JsonAsync(response, HttpStatusCode.OK);
        using var after = await self.GetAsync("/files/escalation/assets/logo.txt");
        await Expect.ErrorAsync(after, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ScopedKey_RefreshedToken_KeepsTheKeysRules()
    {
        var exchanged = await Node.MintTokenAsync(_scopedKey, includeRefresh: true);
        using var refresh = await Node.Anonymous.PostJsonAsync("/auth/refresh", new { refresh_token = exchanged.GetProperty("refresh_token").GetString() });
        var refreshed = Node.WithToken((await Expect.JsonAsync(refresh, HttpStatusCode.OK)).GetProperty("token").GetString()!);

        using var inside = await refreshed.GetAsync("/files/escalation/assets/logo.txt");
        using var outside = await refreshed.GetAsync("/files/escalation/secret.txt");
        using var create = await refreshed.PostJsonAsync("/auth/keys", new { });

        await Expect.StatusAsync(inside, HttpStatusCode.OK);
        await Expect.ErrorAsync(outside, HttpStatusCode.NotFound);
        await Expect.ErrorAsync(create, HttpStatusCode.Forbidden, code: "FORBIDDEN");
    }

    [Fact]
    public async Task UnscopedUser_CreateKeyWithRules_Returns201ForItself()
    {
        var userId = Guid.NewGuid().ToString();
        var user = await UserClientAsync(userId);

        var key = await user.CreateKeyAsync(new { rules = new[] { new Dictionary<string, string> { ["**"] = "crudlify" } } });

        Assert.Equal(userId, key.GetProperty("user_id").GetString());
    }

    [Fact]
    public async Task UnscopedUser_ListAndRevoke_OnlyItsOwnUsersKeys()
    {
        var userId = Guid.NewGuid().ToString();
        var user = await UserClientAsync(userId);
        var rootKeyId = await KeyIdOfAsync(Node.RootKey!);

        using var list = await user.GetAsync("/auth/keys");
        using var revoke = await user.DeleteAsync($"/auth/keys/{rootKeyId}");

        var owners = (await Expect.JsonAsync(list, HttpStatusCode.OK)).EnumerateArray().Select(k => k.GetProperty("user_id").GetString()).Distinct().ToList();
        Assert.Equal([userId], owners);
        await Expect.ErrorAsync(revoke, HttpStatusCode.Forbidden, code: "FORBIDDEN");
    }

    private async Task<ApiClient> UserClientAsync(string userId)
    {
        var key = await _root.CreateKeyAsync(new { label = "user", user_id = userId });
        return Node.WithToken((await Node.MintTokenAsync(key.GetProperty("key").GetString()!)).GetProperty("token").GetString()!);
    }

    private async Task<List<JsonElement>> AdminListAsync()
    {
        using var response = await _root.GetAsync("/auth/keys/admin");
        return [.. (await Expect.JsonAsync(response, HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];
    }

    private async Task<List<string>> AllKeyIdsAsync() =>
        [.. (await AdminListAsync()).Select(k => k.GetProperty("key_id").GetString()!).Order(StringComparer.Ordinal)];

    private async Task<bool> IsRevokedAsync(string keyId) =>
        (await AdminListAsync()).Single(k => k.GetProperty("key_id").GetString() == keyId).GetProperty("is_revoked").GetBoolean();

    private async Task<string> KeyIdOfAsync(string apiKey)
    {
        var prefix = apiKey.Split('_')[2];
        return (await AdminListAsync()).Select(k => k.GetProperty("key_id").GetString()!).Single(id => KeyTestExtensions.KeyPrefix(id) == prefix);
    }
}
