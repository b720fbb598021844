using AeorDb.Api.Auth;
using AeorDb.Api.Files;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Xunit;

namespace AeorDb.Tests.Api.Files;

public sealed class DirectoryListingTests
{
    private static readonly FakePathRules _rules = new();

    [Fact]
    public void Page_DefaultSort_DirectoriesFirstThenNameCaseInsensitive()
    {
        var page = DirectoryListing.Page(Items(), ListingQuery.Default);
        Assert.Equal(["sub", "zdir", "a.txt", "B.txt", "c.txt"], page.Items.Select(i => i.Name));
        Assert.Equal(5, page.Total);
    }

    [Fact]
    public void Page_SizeDescending_KeepsDirectoriesFirst()
    {
        var page = DirectoryListing.Page(Items(), ListingQuery.Default with { Sort = ListingSort.Size, Descending = true });
        Assert.Equal(["zdir", "sub", "c.txt", "B.txt", "a.txt"], page.Items.Select(i => i.Name));
    }

    [Fact]
    public void Page_LimitAndOffset_Paginate()
    {
        var page = DirectoryListing.Page(Items(), ListingQuery.Default with { Limit = 2, Offset = 1 });
        Assert.Equal(["zdir", "a.txt"], page.Items.Select(i => i.Name));
        Assert.Equal((5, 2, 1), (page.Total, page.Limit, page.Offset));
    }

    [Fact]
    public void Page_OffsetPastTotal_IsClampedToTotal()
    {
        var page = DirectoryListing.Page(Items(), ListingQuery.Default with { Offset = 50, Limit = 10 });
        Assert.Empty(page.Items);
        Assert.Equal(5, page.Offset);
    }

    [Theory]
    [InlineData("*.txt", "/d/a.txt", true)]
    [InlineData("sub/*.txt", "/d/sub/x.txt", true)]
    [InlineData("/d/**", "/d/sub/x.txt", true)]
    [InlineData("*.md", "/d/a.txt", false)]
    [InlineData("/other/**", "/d/a.txt", false)]
    public void MatchesGlob_TriesNameThenRelativeThenFull(string glob, string path, bool expected) =>
        Assert.Equal(expected, DirectoryListing.MatchesGlob(_rules, glob, "/d", path));

    [Fact]
    public async Task BuildAsync_RootCaller_HidesReservedAndOmitsPermissions()
    {
        var entries = new[] { Entry("/.aeordb-system", EntryKind.Directory), Entry("/.aeordb-config/x", EntryKind.File), Entry("/a.txt", EntryKind.File) };
        var page = await new DirectoryListing(_rules, new FixedPolicy(null)).BuildAsync(Root, "/", entries, ListingQuery.Default, default);
        Assert.Equal("/a.txt", Assert.Single(page.Items).Path);
        Assert.Null(page.Items[0].EffectivePermissions);
    }

    [Fact]
    public async Task BuildAsync_NonRootCaller_FiltersAndCarriesPermissions()
    {
        var user = Root with { UserId = Guid.NewGuid() };
        var entries = new[] { Entry("/a.txt", EntryKind.File), Entry("/secret", EntryKind.Directory) };
        var page = await new DirectoryListing(_rules, new FixedPolicy("/secret")).BuildAsync(user, "/", entries, ListingQuery.Default, default);
        var item = Assert.Single(page.Items);
        Assert.Equal(("/a.txt", "-r--l---"), (item.Path, item.EffectivePermissions));
    }

    [Fact]
    public void Parse_GlobWithoutDepth_ListsRecursively()
    {
        var (query, error) = ListingQuery.Parse(Query(("glob", "*.txt")));
        Assert.Null(error);
        Assert.Equal(-1, query!.Depth);
    }

    [Theory]
    [InlineData("300", 256)]
    [InlineData("-5", -1)]
    [InlineData("2", 2)]
    public void Parse_Depth_IsClamped(string depth, int expected) =>
        Assert.Equal(expected, ListingQuery.Parse(Query(("depth", depth))).Query!.Depth);

    [Theory]
    [InlineData("limit", "-1")]
    [InlineData("limit", "x")]
    [InlineData("offset", "-3")]
    [InlineData("depth", "deep")]
    public void Parse_BadNumber_IsAnError(string name, string value) =>
        Assert.NotNull(ListingQuery.Parse(Query((name, value))).Error);

    [Fact]
    public void Parse_SortOrderNoFollowVersion_AreRead()
    {
        var query = ListingQuery.Parse(Query(("sort", "updated_at"), ("order", "desc"), ("nofollow", "true"), ("version", "ab"))).Query!;
        Assert.Equal((ListingSort.UpdatedAt, true, true, "ab"), (query.Sort, query.Descending, query.NoFollow, query.Version));
    }

    private static Caller Root => new(Guid.Empty, null, null, [], AuthDisabled: false);

    private static QueryCollection Query(params (string Name, string Value)[] pairs) =>
        new(pairs.ToDictionary(p => p.Name, p => new StringValues(p.Value)));

    private static List<ListingItem> Items() =>
    [
        ListingItem.From(Entry("/d/c.txt", EntryKind.File, 30), "c.txt", null),
        ListingItem.From(Entry("/d/a.txt", EntryKind.File, 10), "a.txt", null),
        ListingItem.From(Entry("/d/zdir", EntryKind.Directory, 5), "zdir", null),
        ListingItem.From(Entry("/d/B.txt", EntryKind.File, 20), "B.txt", null),
        ListingItem.From(Entry("/d/sub", EntryKind.Directory, 0), "sub", null),
    ];

    private static FileEntry Entry(string path, EntryKind kind, long size = 0) =>
        new(path, kind, new string('0', 64), size, kind == EntryKind.File ? "text/plain" : null, null, 1, 2, new VersionStamp(2, 1));

    private sealed class FixedPolicy(string? hidden) : IAccessPolicy
    {
        public ValueTask<AccessDecision> CheckAsync(Caller caller, string canonicalPath, Operation operation, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(AccessDecision.Allowed);

        public ValueTask<string?> ListingPermissionsAsync(Caller caller, string childPath, Operation operation, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(childPath == hidden ? null : "-r--l---");
    }
}
