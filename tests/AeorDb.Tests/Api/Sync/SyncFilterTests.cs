using AeorDb.Api.Auth;
using AeorDb.Api.Sync;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Paths;
using Xunit;

namespace AeorDb.Tests.Api.Sync;

/// <summary>The /sync/diff path filter as a plain class (CONTRACT §5.1, §5.2, §1.7).</summary>
public sealed class SyncFilterTests
{
    private static readonly Caller Root = new(Guid.Empty, null, null, [], AuthDisabled: false);
    private static readonly Caller Peer = Root with { Scope = "sync" };
    private static readonly Caller User = new(Guid.NewGuid(), Guid.NewGuid(), null, [], AuthDisabled: false);
    private static readonly Caller AssetsKey = new(Guid.Empty, Guid.NewGuid(), null, [new KeyRule("/assets/**", "-r--l---"), new KeyRule("**", "--------")], AuthDisabled: false);

    [Theory]
    [InlineData("/.aeordb-system/config/jwt_signing_key", true)]
    [InlineData("/.aeordb-system/users/u1", true)]
    [InlineData("/.aeordb-system/api-keys/k1", true)]
    [InlineData("/.aeordb-system/refresh-tokens/r1", true)]
    [InlineData("/.aeordb-system/email-config.json", true)]
    [InlineData("/.aeordb-system/cluster/node_id", false)]
    [InlineData("/.aeordb-system/sync-peers/p1", false)]
    [InlineData("/.aeordb-system/join-audit/j1", false)]
    [InlineData("/.aeordb-config/indexes.json", true)]
    [InlineData("/docs/.aeordb-config/x.json", true)]
    [InlineData("/a.txt", true)]
    public async Task Allows_PeerAndRoot_GetReplicatedSystemDataButNoNodeLocalState(string path, bool expected)
    {
        Assert.Equal(expected, await Filter(Peer).AllowsAsync(path));
        Assert.Equal(expected, await Filter(Root).AllowsAsync(path));
    }

    [Theory]
    [InlineData("/.aeordb-system/config/jwt_signing_key", false)]
    [InlineData("/.aeordb-config/indexes.json", false)]
    [InlineData("/assets/logo.png", true)]
    [InlineData("/assets/deep/x/y.png", true)]
    [InlineData("/assets/.aeordb-config/x.json", false)]
    [InlineData("/assets/.aeordb-logs/l", false)]
    [InlineData("/assets/.aeordb-indexes/i", false)]
    [InlineData("/private/secret.txt", false)]
    [InlineData("/assetsX/a.png", false)]
    public async Task Allows_KeyWithRules_OnlyWhatTheRulesLetItRead(string path, bool expected)
    {
        var filter = Filter(AssetsKey, "**");

        Assert.Equal(SyncCallerClass.Scoped, filter.Class);
        Assert.False(filter.IncludesSystem);
        Assert.Equal(expected, await filter.AllowsAsync(path));
    }

    [Fact]
    public async Task Allows_UserWithoutRules_FollowsReadPermission()
    {
        var access = new FakeAccess(path => path.StartsWith("/shared/", StringComparison.Ordinal));
        var filter = new SyncFilter(new PathRules(), access, User, []);

        Assert.True(await filter.AllowsAsync("/shared/a.txt"));
        Assert.False(await filter.AllowsAsync("/other/a.txt"));
        Assert.False(await filter.AllowsAsync("/shared/.aeordb-config/a.json"));
        Assert.False(await filter.AllowsAsync("/.aeordb-system/users/u1"));
        Assert.All(access.Operations, op => Assert.Equal(Operation.Read, op));
    }

    [Fact]
    public async Task Allows_Globs_IntersectWithRules()
    {
        var filter = Filter(AssetsKey, "/assets/img/**", "/private/**");

        Assert.True(await filter.AllowsAsync("/assets/img/a.png"));
        Assert.False(await filter.AllowsAsync("/assets/doc/a.pdf"));
        Assert.False(await filter.AllowsAsync("/private/x"));
    }

    [Fact]
    public async Task Allows_GlobsApplyToPeersToo()
    {
        var filter = Filter(Peer, "/a/*");

        Assert.True(await filter.AllowsAsync("/a/x"));
        Assert.False(await filter.AllowsAsync("/a/x/y"));
        Assert.False(await filter.AllowsAsync("/.aeordb-system/config/jwt_signing_key"));
    }

    [Fact]
    public void Classify_FollowsTheContractsCallerClasses()
    {
        Assert.Equal(SyncCallerClass.Peer, SyncCallers.Classify(Peer));
        Assert.Equal(SyncCallerClass.Peer, SyncCallers.Classify(Caller.Disabled));
        Assert.Equal(SyncCallerClass.Root, SyncCallers.Classify(Root));
        Assert.Equal(SyncCallerClass.Scoped, SyncCallers.Classify(User));
        Assert.Equal(SyncCallerClass.Scoped, SyncCallers.Classify(AssetsKey));
        Assert.Equal(SyncCallerClass.Scoped, SyncCallers.Classify(AssetsKey with { Scope = "sync" }));
    }

    private static SyncFilter Filter(Caller caller, params string[] globs) =>
        new(new PathRules(), new FakeAccess(_ => throw new InvalidOperationException("Grants must not be consulted.")), caller, globs);

    private sealed class FakeAccess(Func<string, bool> allows) : IAccessPolicy
    {
        public List<Operation> Operations { get; } = [];

        public ValueTask<AccessDecision> CheckAsync(Caller caller, string canonicalPath, Operation operation, CancellationToken cancellationToken = default)
        {
            lock (Operations)
            {
                Operations.Add(operation);
            }

            return ValueTask.FromResult(allows(canonicalPath) ? AccessDecision.Allowed : AccessDecision.Forbidden);
        }

        public ValueTask<string?> ListingPermissionsAsync(Caller caller, string childPath, Operation operation, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
