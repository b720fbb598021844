using AeorDb.Api.Auth;
using AeorDb.Api.Events;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Tests.Api.Auth;
using Xunit;

namespace AeorDb.Tests.Api.Events;

public sealed class EventFilterTests
{
    private static readonly Caller Root = new(Guid.Empty, null, null, [], false);
    private static readonly Caller Designer = new(Guid.Empty, Guid.NewGuid(), null, [new KeyRule("/assets/**", "-r--l---"), new KeyRule("**", "--------")], false);

    [Fact]
    public async Task Apply_TypeFilter_KeepsOnlyListedTypes()
    {
        var filter = new EventFilter(EventFilter.ParseTypes("entries_created, heartbeat"), null, null);

        Assert.NotNull(await filter.ApplyAsync(Created("/a"), default));
        Assert.NotNull(await filter.ApplyAsync(EventBusTests.Heartbeat(1), default));
        Assert.Null(await filter.ApplyAsync(Deleted("/a"), default));
        Assert.False(filter.Wants(EventTypes.ServerReady));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ")]
    public void ParseTypes_Empty_MeansAll(string? events) => Assert.Null(EventFilter.ParseTypes(events));

    [Fact]
    public async Task Apply_PathPrefix_NeedsOneMatchingPath_AndDropsPathlessEvents()
    {
        var filter = new EventFilter(null, "/docs", null);

        Assert.NotNull(await filter.ApplyAsync(Created("/other", "/docs/a.txt"), default));
        Assert.Null(await filter.ApplyAsync(Created("/other"), default));
        Assert.Null(await filter.ApplyAsync(EventBusTests.Heartbeat(1), default));
    }

    [Fact]
    public async Task Apply_ScopedKey_KeepsReadablePathsOnly_AndPassesPathlessEvents()
    {
        var filter = EventFilter.For(Designer, null, null, new RulesOnlyPolicy(), new StubPathRules());

        var mixed = await filter.ApplyAsync(Created("/secret.txt", "/assets/logo.png", "/notes/a"), default);
        Assert.Equal(["/assets/logo.png"], mixed!.Entries!.Select(entry => entry.Path));
        Assert.Null(await filter.ApplyAsync(Created("/secret.txt"), default));
        Assert.NotNull(await filter.ApplyAsync(EventBusTests.Heartbeat(1), default));
    }

    [Fact]
    public async Task Apply_Root_SeesEveryPathUnchanged()
    {
        var filter = EventFilter.For(Root, null, null, new RulesOnlyPolicy(), new StubPathRules());
        var original = Created("/secret.txt", "/assets/logo.png");

        Assert.Same(original, await filter.ApplyAsync(original, default));
    }

    [Fact]
    public async Task Apply_NonRootAllowedEverywhere_NeverSeesHiddenNamespace()
    {
        var user = new Caller(Guid.NewGuid(), null, null, [], false);
        var filter = EventFilter.For(user, null, null, new AllowAllPolicy(), new StubPathRules());

        var delivered = await filter.ApplyAsync(Created("/.aeordb-system/api-keys/k", "/a"), default);
        Assert.Equal(["/a"], delivered!.Entries!.Select(entry => entry.Path));
    }

    private static NodeEvent Created(params string[] paths) => Entries(EventTypes.EntriesCreated, paths);

    private static NodeEvent Deleted(params string[] paths) => Entries(EventTypes.EntriesDeleted, paths);

    private static NodeEvent Entries(string type, string[] paths) =>
        NodeEvent.Create(type, 1, EventUsers.Of(Guid.Empty), new EntriesPayload([.. paths.Select(path => new EventEntry(path, "file"))]));

    private sealed class RulesOnlyPolicy : IAccessPolicy
    {
        public ValueTask<AccessDecision> CheckAsync(Caller caller, string canonicalPath, Operation operation, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new StubPathRules().Evaluate(caller.Rules, canonicalPath, operation) == RuleDecision.Denied ? AccessDecision.NotFound : AccessDecision.Allowed);

        public ValueTask<string?> ListingPermissionsAsync(Caller caller, string childPath, Operation operation, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<string?>(null);
    }

    private sealed class AllowAllPolicy : IAccessPolicy
    {
        public ValueTask<AccessDecision> CheckAsync(Caller caller, string canonicalPath, Operation operation, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(AccessDecision.Allowed);

        public ValueTask<string?> ListingPermissionsAsync(Caller caller, string childPath, Operation operation, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<string?>("crudlify");
    }
}
