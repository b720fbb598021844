using System.Net;
using System.Text;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Files;

/// <summary>CONTRACT §4.4 DELETE and §4.5 PATCH rename.</summary>
public sealed class FilesDeleteRenameTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task Delete_File_Returns200AndFileIsGone()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("del") + "/gone.txt";
        await root.PutTextAsync(path, "bye");

        using (var response = await root.DeleteAsync("/files" + path))
        {
            var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
            Assert.True(body.GetProperty("deleted").GetBoolean());
            Assert.Equal(path, body.GetProperty("path").GetString());
        }

        using var check = await root.GetAsync("/files" + path);
        await Expect.ErrorAsync(check, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_Missing_Returns404()
    {
        using var response = await (await Node.RootAsync()).DeleteAsync("/files" + TestPaths.Unique("delmiss") + "/x");

        await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_NonEmptyDirectory_Returns400AndKeepsChildren()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("full");
        await root.PutTextAsync(directory + "/one.txt", "1");
        await root.PutTextAsync(directory + "/two.txt", "2");

        using (var response = await root.DeleteAsync("/files" + directory))
        {
            var body = await Expect.ErrorAsync(response, HttpStatusCode.BadRequest);
            Assert.Contains("is not empty (2 children)", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        using var check = await root.GetAsync("/files" + directory + "/one.txt");
        await Expect.StatusAsync(check, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Rename_File_MovesItAndReportsCanonicalPaths()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("mv");
        await root.PutTextAsync(directory + "/old.txt", "moving");

        using (var response = await root.PatchJsonAsync($"/files{directory}/old.txt", new { to = $"{directory}//new/./dir/../name.txt" }))
        {
            var body = await Expect.JsonAsync(response, HttpStatusCode.OK);
            Assert.Equal(directory + "/old.txt", body.GetProperty("from").GetString());
            Assert.Equal(directory + "/new/name.txt", body.GetProperty("to").GetString());
            Assert.Equal("file", body.GetProperty("entry_type").GetString());
        }

        using (var old = await root.GetAsync($"/files{directory}/old.txt"))
        {
            await Expect.ErrorAsync(old, HttpStatusCode.NotFound);
        }

        using var moved = await root.GetAsync($"/files{directory}/new/name.txt");
        Assert.Equal("moving", Encoding.UTF8.GetString(await Expect.BytesAsync(moved, HttpStatusCode.OK)));
    }

    [Theory]
    [InlineData("missing-to")]
    [InlineData("same-path")]
    [InlineData("root")]
    public async Task Rename_InvalidDestination_Returns400(string kind)
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("mvbad") + "/f.txt";
        await root.PutTextAsync(path, "stay");
        object body = kind switch
        {
            "missing-to" => new { },
            "same-path" => new { to = path },
            _ => new { to = "/" },
        };

        using (var response = await root.PatchJsonAsync("/files" + path, body))
        {
            await Expect.ErrorAsync(response, HttpStatusCode.BadRequest);
        }

        using var check = await root.GetAsync("/files" + path);
        Assert.Equal("stay", Encoding.UTF8.GetString(await Expect.BytesAsync(check, HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Rename_MissingSource_Returns404()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("mvmiss");

        using var response = await root.PatchJsonAsync($"/files{directory}/absent.txt", new { to = directory + "/b.txt" });

        await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
    }
}
