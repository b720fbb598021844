using System.Net;
using AeorDb.Tests.Http.Auth;
using AeorDb.Tests.Http.Sync;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Access;

/// <summary>
/// PATCH needs exactly the flags of the PUT/DELETE sequence it amounts to (CONTRACT §3.6, §4.5): a rename is a
/// DELETE of the source (<c>d</c>) and a PUT at the destination (<c>c</c>, <c>u</c> over an existing entry, <c>y</c>
/// for a permissions file); a merge patch is a PUT. Grants come from each test directory's own permissions file
/// (<c>others_allow</c>: the user is in no group).
/// </summary>
public sealed class PatchPermissionTests(NodeFixture fixture) : IClassFixture<NodeFixture>, IAsyncLifetime
{
    private const string MergePatch = "application/merge-patch+json";

    private ApiClient _root = null!;
    private ApiClient _user = null!;
    private string _dir = null!;

    private AeorDbNode Node => fixture.Node;

    public async Task InitializeAsync()
    {
        _root = await Node.RootAsync();
        _dir = TestPaths.Unique("patch");
        var key = await _root.CreateKeyAsync(new { label = "patch user", user_id = Guid.NewGuid().ToString() });
        _user = Node.WithToken((await Node.MintTokenAsync(key.GetProperty("key").GetString()!)).GetProperty("token").GetString()!);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Rename_WithoutDeleteOnSource_Returns403AndMovesNothing()
    {
        await GrantAsync("cru-l---");
        await _root.PutTextAsync(_dir + "/a.txt", "a");

        using (var response = await _user.PatchJsonAsync("/files" + _dir + "/a.txt", new { to = _dir + "/b.txt" }))
        {
            await Expect.ErrorAsync(response, HttpStatusCode.Forbidden, message: "Permission denied");
        }

        await ExpectTextAsync(_dir + "/a.txt", "a");
        await ExpectMissingAsync(_dir + "/b.txt");
    }

    [Fact]
    public async Task Rename_OntoExistingWithoutUpdateThere_Returns403AndKeepsDestination()
    {
        // Create and delete everywhere; update on the source only, so only the destination lacks "u".
        await GrantAsync("cr-dl---", ("a.txt", "--u-----"));
        await _root.PutTextAsync(_dir + "/a.txt", "a");
        await _root.PutTextAsync(_dir + "/b.txt", "b");

        using (var response = await _user.PatchJsonAsync("/files" + _dir + "/a.txt", new { to = _dir + "/b.txt" }))
        {
            await Expect.ErrorAsync(response, HttpStatusCode.Forbidden, message: "Permission denied");
        }

        await ExpectTextAsync(_dir + "/a.txt", "a");
        await ExpectTextAsync(_dir + "/b.txt", "b");
    }

    [Fact]
    public async Task Rename_OntoExistingWithUpdate_OverwritesAndKeepsTheOldVersionInHistory()
    {
        await GrantAsync("crudl---");
        await _root.PutTextAsync(_dir + "/a.txt", "a");
        await _root.PutTextAsync(_dir + "/b.txt", "b");
        var before = (await SyncClient.DiffAsync(_root, new { paths = new[] { _dir + "/**" } })).GetProperty("root_hash").GetString()!;

        using (var response = await _user.PatchJsonAsync("/files" + _dir + "/a.txt", new { to = _dir + "/b.txt" }))
        {
            await Expect.JsonAsync(response, HttpStatusCode.OK);
        }

        await ExpectTextAsync(_dir + "/b.txt", "a");
        await ExpectMissingAsync(_dir + "/a.txt");
        var diff = await SyncClient.DiffAsync(_root, new { since_root_hash = before, paths = new[] { _dir + "/**" } });
        Assert.Equal([_dir + "/b.txt"], SyncClient.Paths(diff, "files_modified"));
        Assert.Equal([_dir + "/a.txt"], SyncClient.Paths(diff, "files_deleted"));
        using var old = await _root.GetAsync($"/files{_dir}/b.txt?version={before}");
        Assert.Equal("b"u8.ToArray(), await Expect.BytesAsync(old, HttpStatusCode.OK));
    }

    [Fact]
    public async Task MergePatch_NewFileWithoutCreate_Returns403AndCreatesNothing()
    {
        await GrantAsync("-ru-l---");

        using (var response = await _user.PatchJsonAsync("/files" + _dir + "/new.json", new { a = 1 }, MergePatch))
        {
            await Expect.ErrorAsync(response, HttpStatusCode.Forbidden, message: "Permission denied");
        }

        await ExpectMissingAsync(_dir + "/new.json");
    }

    [Fact]
    public async Task MergePatch_OntoPermissionsFileWithoutConfigure_Returns403AndKeepsGrants()
    {
        await GrantAsync("crudl---");
        using var original = await _root.GetAsync("/files" + _dir + "/.aeordb-permissions");
        var grants = await Expect.BytesAsync(original, HttpStatusCode.OK);

        var escalation = new { links = new[] { new { group = "nobody", others_allow = "crudlify" } } };
        using (var response = await _user.PatchJsonAsync("/files" + _dir + "/.aeordb-permissions", escalation, MergePatch))
        {
            await Expect.ErrorAsync(response, HttpStatusCode.Forbidden, message: "Permission denied");
        }

        using var after = await _root.GetAsync("/files" + _dir + "/.aeordb-permissions");
        Assert.Equal(grants, await Expect.BytesAsync(after, HttpStatusCode.OK));
    }

    [Theory]
    [InlineData("/.aeordb-permissions")]
    [InlineData("/sub/.aeordb-permissions")]
    public async Task Rename_OntoPermissionsFileWithoutConfigure_Returns403(string destination)
    {
        await GrantAsync("crudl---");
        using (var put = await _user.PutBytesAsync("/files" + _dir + "/evil.json", """{"links":[{"group":"nobody","others_allow":"crudlify"}]}"""u8.ToArray(), "application/json"))
        {
            await Expect.JsonAsync(put, HttpStatusCode.Created);
        }

        using (var response = await _user.PatchJsonAsync("/files" + _dir + "/evil.json", new { to = _dir + destination }))
        {
            await Expect.ErrorAsync(response, HttpStatusCode.Forbidden, message: "Permission denied");
        }

        await ExpectTextAsync(_dir + "/evil.json", """{"links":[{"group":"nobody","others_allow":"crudlify"}]}""");
    }

    [Fact]
    public async Task Delete_PermissionsFileWithoutConfigure_Returns403()
    {
        await GrantAsync("crudl---");

        using var response = await _user.DeleteAsync("/files" + _dir + "/.aeordb-permissions");

        await Expect.ErrorAsync(response, HttpStatusCode.Forbidden, message: "Permission denied");
    }

    [Fact]
    public async Task Rename_WithCreateAndDelete_MovesTheFile()
    {
        await GrantAsync("crudl---");
        await _root.PutTextAsync(_dir + "/a.txt", "a");

        using (var response = await _user.PatchJsonAsync("/files" + _dir + "/a.txt", new { to = _dir + "/moved.txt" }))
        {
            await Expect.JsonAsync(response, HttpStatusCode.OK);
        }

        await ExpectTextAsync(_dir + "/moved.txt", "a");
    }

    /// <summary>Writes the test directory's permissions file: <paramref name="flags"/> for everyone, plus per-child extras.</summary>
    private async Task GrantAsync(string flags, params (string Child, string Flags)[] extra)
    {
        var links = new List<object> { new { group = "nobody", others_allow = flags } };
        links.AddRange(extra.Select(e => (object)new { group = "nobody", others_allow = e.Flags, path_pattern = e.Child }));
        using var response = await _root.PutJsonAsync("/files" + _dir + "/.aeordb-permissions", new { links });
        await Expect.JsonAsync(response, HttpStatusCode.Created);
    }

    private async Task ExpectTextAsync(string path, string text)
    {
        using var response = await _root.GetAsync("/files" + path);
        Assert.Equal(text, System.Text.Encoding.UTF8.GetString(await Expect.BytesAsync(response, HttpStatusCode.OK)));
    }

    private async Task ExpectMissingAsync(string path)
    {
        using var response = await _root.GetAsync("/files" + path);
        await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
    }
}
