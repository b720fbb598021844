using System.Net;
using AeorDb.Tests.Http.Auth;
using AeorDb.Tests.Http.Sync;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Access;

/// <summary>
/// A key rule naming one file before a grant of its directory (CONTRACT §3.6: the first matching rule wins):
/// the file stays invisible on every route, as a path the key may not read.
/// </summary>
public sealed class SingleFileDenyTests(NodeFixture fixture) : IClassFixture<NodeFixture>, IAsyncLifetime
{
    private ApiClient _root = null!;
    private ApiClient _scoped = null!;
    private string _directory = null!;
    private string _secretHash = null!;

    private AeorDbNode Node => fixture.Node;

    private string Secret => _directory + "/secret.txt";

    private string Public => _directory + "/public.txt";

    public async Task InitializeAsync()
    {
        _root = await Node.RootAsync();
        _directory = TestPaths.Unique("docs");
        _secretHash = (await _root.PutTextAsync(Secret, "the secret " + Guid.NewGuid())).GetProperty("hash").GetString()!;
        await _root.PutTextAsync(Public, "the public text");
        var key = await _root.CreateKeyAsync(new
        {
            label = "docs without the secret",
            rules = new[]
            {
                new Dictionary<string, string> { [Secret] = "--------" },
                new Dictionary<string, string> { [_directory + "/**"] = "-r--l---" },
                new Dictionary<string, string> { ["**"] = "--------" },
            },
        });
        _scoped = Node.WithToken((await Node.MintTokenAsync(key.GetProperty("key").GetString()!)).GetProperty("token").GetString()!);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Get_DeniedFileBeforeDirectoryGrant_Returns404()
    {
        using var response = await _scoped.GetAsync("/files" + Secret);

        await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Head_DeniedFileBeforeDirectoryGrant_Returns404()
    {
        using var response = await _scoped.HeadAsync("/files" + Secret);

        await Expect.EmptyAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Blob_DeniedFileVersion_Returns404()
    {
        using var response = await _scoped.GetAsync("/blobs/" + _secretHash);

        await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_SiblingUnderGrantedDirectory_Returns200()
    {
        using var response = await _scoped.GetAsync("/files" + Public);

        await Expect.BytesAsync(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task List_GrantedDirectory_HidesDeniedFile()
    {
        using var response = await _scoped.GetAsync("/files" + _directory + "/");

        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
        var paths = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("path").GetString()).ToList();
        Assert.Equal([Public], paths);
    }

    [Fact]
    public async Task List_RecursiveGlob_HidesDeniedFile()
    {
        using var response = await _scoped.GetAsync("/files" + _directory + "/?glob=*.txt");

        var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
        var paths = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("path").GetString()).ToList();
        Assert.Equal([Public], paths);
    }

    [Fact]
    public async Task SyncDiff_ScopedKey_LeavesOutDeniedFile()
    {
        var diff = await SyncClient.DiffAsync(_scoped, new { });

        var paths = SyncClient.AllPaths(diff);
        Assert.Contains(Public, paths);
        Assert.DoesNotContain(Secret, paths);
    }
}
