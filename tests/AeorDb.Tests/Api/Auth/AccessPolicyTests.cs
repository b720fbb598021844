using System.Text;
using AeorDb.Api.Auth;
using AeorDb.Grains.Interfaces.Models;
using Xunit;

namespace AeorDb.Tests.Api.Auth;

public sealed class AccessPolicyTests
{
    [Fact]
    public async Task ScopedKey_DeniedPath_IsNotFound_EvenForRoot()
    {
        using var host = new AuthTestHost();
        var policy = host.Get<IAccessPolicy>();
        var scopedRoot = new Caller(Guid.Empty, Guid.NewGuid(), null, [new KeyRule("/assets/**", "-r--l---"), new KeyRule("**", "--------")], false);

        Assert.Equal(AccessDecision.Allowed, await policy.CheckAsync(scopedRoot, "/assets/a.png", Operation.Read));
        Assert.Equal(AccessDecision.NotFound, await policy.CheckAsync(scopedRoot, "/secret.txt", Operation.Read));
        Assert.Equal(AccessDecision.NotFound, await policy.CheckAsync(scopedRoot, "/assets/a.png", Operation.Delete));
    }

    [Fact]
    public async Task RootAndDisabled_AreAllowed_UserWithoutGrants_IsForbidden()
    {
        using var host = new AuthTestHost();
        var policy = host.Get<IAccessPolicy>();

        Assert.Equal(AccessDecision.Allowed, await policy.CheckAsync(new Caller(Guid.Empty, null, null, [], false), "/x", Operation.Delete));
        Assert.Equal(AccessDecision.Allowed, await policy.CheckAsync(Caller.Disabled, "/x", Operation.Delete));
        Assert.Equal(AccessDecision.Forbidden, await policy.CheckAsync(new Caller(Guid.NewGuid(), null, null, [], false), "/x", Operation.Read));
    }

    [Fact]
    public async Task GroupGrant_AllowsMembersBelowIt_AndLetsThemNavigateAncestors()
    {
        using var host = new AuthTestHost();
        var user = Guid.NewGuid();
        await Write(host, $"/.aeordb-system/users/{user}", $$"""{"user_id":"{{user}}","username":"ann","email":null,"is_active":true,"tags":[],"created_at":1,"updated_at":1}""");
        await Write(host, "/.aeordb-system/groups/team", $$"""{"name":"team","default_allow":"........","default_deny":"........","query_field":"user_id","query_operator":"in","query_value":"{{user}}","created_at":1,"updated_at":1}""");
        await Write(host, "/projects/alpha/.aeordb-permissions", """{"links":[{"group":"team","allow":"cr..l...","deny":"........"}]}""");
        await Write(host, "/projects/alpha/doc.txt", "x");
        var policy = host.Get<IAccessPolicy>();
        var ann = new Caller(user, null, null, [], false);
        var stranger = new Caller(Guid.NewGuid(), null, null, [], false);

        Assert.Equal(AccessDecision.Allowed, await policy.CheckAsync(ann, "/projects/alpha/doc.txt", Operation.Read));
        Assert.Equal(AccessDecision.Forbidden, await policy.CheckAsync(ann, "/projects/alpha/doc.txt", Operation.Delete));
        Assert.Equal(AccessDecision.Allowed, await policy.CheckAsync(ann, "/projects", Operation.List));
        Assert.Equal(AccessDecision.Forbidden, await policy.CheckAsync(ann, "/projects", Operation.Create));
        Assert.Equal(AccessDecision.Forbidden, await policy.CheckAsync(stranger, "/projects/alpha/doc.txt", Operation.Read));
        Assert.Equal("-r--l---", await policy.ListingPermissionsAsync(ann, "/projects", Operation.List));
        Assert.Null(await policy.ListingPermissionsAsync(stranger, "/projects", Operation.List));
    }

    private static Task Write(AuthTestHost host, string path, string text) => host.Files.WriteBytesAsync(path, Encoding.UTF8.GetBytes(text), "application/json");
}
