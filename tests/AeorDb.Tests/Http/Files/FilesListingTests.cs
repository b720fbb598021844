using System.Net;
using System.Text.Json;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Files;

/// <summary>CONTRACT §4.2: directory listings and their query parameters.</summary>
public sealed class FilesListingTests(NodeFixture fixture) : IClassFixture<NodeFixture>, IAsyncLifetime
{
    private ApiClient _root = null!;

    /// <summary>A fresh tree per test: sub/ (deep.txt, inner/x.md), A.txt (10 B), b.txt (30 B), c.md (20 B).</summary>
    private string _dir = null!;

    private AeorDbNode Node => fixture.Node;

    public async Task InitializeAsync()
    {
        _root = await Node.RootAsync();
        _dir = TestPaths.Unique("list");
        await _root.PutFileAsync(_dir + "/b.txt", new byte[30], "text/plain");
        await _root.PutFileAsync(_dir + "/A.txt", new byte[10], "text/plain");
        await _root.PutFileAsync(_dir + "/c.md", new byte[20], "text/markdown");
        await _root.PutFileAsync(_dir + "/sub/deep.txt", new byte[3], "text/plain");
        await _root.PutFileAsync(_dir + "/sub/inner/x.md", new byte[4], "text/markdown");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task List_Directory_ReturnsItemsDirectoriesFirstSortedByName()
    {
        var body = await ListAsync("");

        Assert.Equal(["sub", "A.txt", "b.txt", "c.md"], Names(body));
        Assert.Equal(4, body.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("limit").ValueKind);
        Assert.Equal(0, body.GetProperty("offset").GetInt32());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items[0].GetProperty("entry_type").GetInt32());
        Assert.Equal(_dir + "/sub", items[0].GetProperty("path").GetString());
        var file = items[1];
        Assert.Equal(2, file.GetProperty("entry_type").GetInt32());
        Assert.Equal(_dir + "/A.txt", file.GetProperty("path").GetString());
        Assert.Equal(10, file.GetProperty("size").GetInt64());
        Assert.Equal("text/plain", file.GetProperty("content_type").GetString());
        Assert.Matches("^[0-9a-f]{64}$", file.GetProperty("hash").GetString());
        Assert.True(file.GetProperty("created_at").GetInt64() > 0);
        Assert.True(file.GetProperty("updated_at").GetInt64() > 0);
    }

    [Fact]
    public async Task List_DirectoryWithoutTrailingSlash_ListsToo()
    {
        using var response = await _root.GetAsync("/files" + _dir);

        Assert.Equal(["sub", "A.txt", "b.txt", "c.md"], Names(await Expect.JsonAsync(response, HttpStatusCode.OK)));
    }

    [Fact]
    public async Task List_LimitAndOffset_PagesThroughItems()
    {
        var body = await ListAsync("?limit=2&offset=1");

        Assert.Equal(["A.txt", "b.txt"], Names(body));
        Assert.Equal(4, body.GetProperty("total").GetInt32());
        Assert.Equal(2, body.GetProperty("limit").GetInt32());
        Assert.Equal(1, body.GetProperty("offset").GetInt32());
    }

    [Fact]
    public async Task List_OffsetPastEnd_IsClampedToTotal()
    {
        var body = await ListAsync("?offset=99");

        Assert.Empty(body.GetProperty("items").EnumerateArray());
        Assert.Equal(4, body.GetProperty("offset").GetInt32());
    }

    [Fact]
    public async Task List_SortBySizeDescending_OrdersFilesBySize()
    {
        var body = await ListAsync("?sort=size&order=desc");

        Assert.Equal(["sub", "b.txt", "c.md", "A.txt"], Names(body));
    }

    [Fact]
    public async Task List_SortByNameDescending_ReversesFiles()
    {
        var body = await ListAsync("?sort=name&order=desc");

        Assert.Equal(["sub", "c.md", "b.txt", "A.txt"], Names(body));
    }

    [Theory]
    [InlineData("created_at", "asc")]
    [InlineData("created_at", "desc")]
    [InlineData("updated_at", "asc")]
    [InlineData("updated_at", "desc")]
    public async Task List_SortByTime_FilesAreOrderedByThatField(string field, string order)
    {
        var body = await ListAsync($"?sort={field}&order={order}");

        var files = body.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("entry_type").GetInt32() == 2)
            .Select(i => i.GetProperty(field).GetInt64()).ToList();
        Assert.Equal(3, files.Count);
        Assert.Equal(order == "asc" ? files.Order() : files.OrderDescending(), files);
    }

    [Fact]
    public async Task List_DepthZero_ListsChildrenOnly()
    {
        var body = await ListAsync("?depth=0");

        Assert.Equal(4, body.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_DepthOne_AddsGrandchildrenButNotDeeper()
    {
        var paths = Paths(await ListAsync("?depth=1"));

        Assert.Contains(_dir + "/sub/deep.txt", paths);
        Assert.Contains(_dir + "/sub/inner", paths);
        Assert.DoesNotContain(_dir + "/sub/inner/x.md", paths);
    }

    [Fact]
    public async Task List_NegativeDepth_ListsEverything()
    {
        var paths = Paths(await ListAsync("?depth=-1"));

        Assert.Contains(_dir + "/sub/inner/x.md", paths);
        Assert.Contains(_dir + "/A.txt", paths);
    }

    [Fact]
    public async Task List_Glob_FiltersRecursivelyByName()
    {
        var paths = Paths(await ListAsync("?glob=" + Uri.EscapeDataString("*.md")));

        Assert.Equal([_dir + "/c.md", _dir + "/sub/inner/x.md"], paths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_Root_ListsTopLevelDirectories()
    {
        foreach (var route in new[] { "/files", "/files/" })
        {
            using var response = await _root.GetAsync(route);
            var paths = Paths(await Expect.JsonAsync(response, HttpStatusCode.OK));
            Assert.Contains(_dir, paths);
        }
    }

    private async Task<JsonElement> ListAsync(string query)
    {
        using var response = await _root.GetAsync($"/files{_dir}/{query}");
        return await Expect.JsonAsync(response, HttpStatusCode.OK);
    }

    private static List<string?> Names(JsonElement body) =>
        [.. body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString())];

    private static List<string> Paths(JsonElement body) =>
        [.. body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("path").GetString()!)];
}
