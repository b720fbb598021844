using System.Net;
using System.Text;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Files;

/// <summary>CONTRACT §4.1–§4.3: PUT, GET and HEAD of single files.</summary>
public sealed class FilesPutGetTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task Put_NewFile_Returns201WithContractShape()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("put") + "/a/b.txt";
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var body = await root.PutFileAsync(path, Encoding.UTF8.GetBytes("hello"), "text/plain");

        Assert.Equal(["content_type", "created_at", "hash", "path", "size", "updated_at"], Expect.Keys(body));
        Assert.Equal(path, body.GetProperty("path").GetString());
        Assert.Equal(5, body.GetProperty("size").GetInt64());
        Assert.Equal("text/plain", body.GetProperty("content_type").GetString());
        Assert.Matches("^[0-9a-f]{64}$", body.GetProperty("hash").GetString());
        Assert.InRange(body.GetProperty("created_at").GetInt64(), before - 60_000, before + 60_000);
        Assert.InRange(body.GetProperty("updated_at").GetInt64(), before - 60_000, before + 60_000);
    }

    [Fact]
    public async Task Put_ExistingPath_KeepsCreatedAtAndServesNewBytes()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("overwrite") + "/doc.txt";
        var first = await root.PutTextAsync(path, "version one");

        var second = await root.PutTextAsync(path, "version two, longer");

        Assert.Equal(first.GetProperty("created_at").GetInt64(), second.GetProperty("created_at").GetInt64());
        Assert.True(second.GetProperty("updated_at").GetInt64() >= first.GetProperty("updated_at").GetInt64());
        Assert.NotEqual(first.GetProperty("hash").GetString(), second.GetProperty("hash").GetString());
        using var response = await root.GetAsync("/files" + path);
        Assert.Equal("version two, longer", Encoding.UTF8.GetString(await Expect.BytesAsync(response, HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Put_SameBytesAtTwoPaths_ReportsTheSameVersionHash()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("dedupe");

        var a = await root.PutTextAsync(directory + "/a.txt", "identical");
        var b = await root.PutTextAsync(directory + "/b.txt", "identical");

        Assert.Equal(a.GetProperty("hash").GetString(), b.GetProperty("hash").GetString());
    }

    [Theory]
    [InlineData("declared", "application/x-custom")]
    [InlineData("png-as-octet-stream", "image/png")]
    [InlineData("utf8-without-type", "text/plain")]
    [InlineData("binary-without-type", "application/octet-stream")]
    public async Task Put_ContentType_KeptOrSniffed(string sample, string expected)
    {
        var root = await Node.RootAsync();
        var (bytes, declared) = sample switch
        {
            "declared" => (Encoding.UTF8.GetBytes("{}"), "application/x-custom"),
            "png-as-octet-stream" => (Png, "application/octet-stream"),
            "utf8-without-type" => (Encoding.UTF8.GetBytes("plain words, ünïcödé too\n"), (string?)null),
            _ => (new byte[] { 0, 1, 2, 3, 0xFF, 0xFE, 0x00, 0x7F }, (string?)null),
        };
        var path = TestPaths.Unique("sniff") + "/sample";

        var body = await root.PutFileAsync(path, bytes, declared);

        Assert.Equal(expected, body.GetProperty("content_type").GetString());
        using var response = await root.GetAsync("/files" + path);
        await Expect.BytesAsync(response, HttpStatusCode.OK);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_File_StreamsBytesWithAeorDbHeaders()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("get") + "/report.txt";
        var put = await root.PutTextAsync(path, "report body");

        using var response = await root.GetAsync("/files" + path);

        Assert.Equal("report body", Encoding.UTF8.GetString(await Expect.BytesAsync(response, HttpStatusCode.OK)));
        Assert.Equal("bytes", Expect.Header(response, "Accept-Ranges"));
        Assert.Equal(11, response.Content.Headers.ContentLength);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(path, Expect.Header(response, "X-AeorDB-Path"));
        Assert.Equal("11", Expect.Header(response, "X-AeorDB-Size"));
        Assert.Equal(put.GetProperty("created_at").GetInt64().ToString(), Expect.Header(response, "X-AeorDB-Created"));
        Assert.Equal(put.GetProperty("updated_at").GetInt64().ToString(), Expect.Header(response, "X-AeorDB-Updated"));
    }

    [Fact]
    public async Task Put_MultiChunkFile_RoundTripsByteIdentical()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("big") + "/blob.bin";
        var bytes = new byte[(2 * 262_144) + 1234];
        new Random(7).NextBytes(bytes);

        var put = await root.PutFileAsync(path, bytes, "application/x-test");
        using var response = await root.GetAsync("/files" + path);

        Assert.Equal(bytes.Length, put.GetProperty("size").GetInt64());
        var served = await Expect.BytesAsync(response, HttpStatusCode.OK);
        Assert.True(bytes.AsSpan().SequenceEqual(served), $"{served.Length} bytes served, {bytes.Length} written, content differs");
    }

    [Fact]
    public async Task Put_EmptyFile_StoresZeroBytes()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("empty") + "/nothing";

        var put = await root.PutFileAsync(path, [], "application/x-test");
        using var response = await root.GetAsync("/files" + path);

        Assert.Equal(0, put.GetProperty("size").GetInt64());
        Assert.Empty(await Expect.BytesAsync(response, HttpStatusCode.OK));
        Assert.Equal(0, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Put_RootPath_Returns400()
    {
        using var response = await (await Node.RootAsync()).PutBytesAsync("/files/", Encoding.UTF8.GetBytes("x"), "text/plain");

        await Expect.ErrorAsync(response, HttpStatusCode.BadRequest, message: "Cannot store at root path");
    }

    [Fact]
    public async Task Put_DeepPath_CreatesParentDirectories()
    {
        var root = await Node.RootAsync();
        var top = TestPaths.Unique("parents");
        await root.PutTextAsync(top + "/x/y/z.txt", "deep");

        using var response = await root.GetAsync($"/files{top}/x/");

        var item = Assert.Single((await Expect.JsonAsync(response, HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        Assert.Equal($"{top}/x/y", item.GetProperty("path").GetString());
        Assert.Equal(3, item.GetProperty("entry_type").GetInt32());
    }

    [Fact]
    public async Task Get_MissingFile_Returns404()
    {
        using var response = await (await Node.RootAsync()).GetAsync("/files" + TestPaths.Unique("missing") + "/nope.txt");

        await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Head_File_ReturnsHeadersWithoutBody()
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("head") + "/h.txt";
        var put = await root.PutTextAsync(path, "head me");

        using var response = await root.HeadAsync("/files" + path);

        await Expect.EmptyAsync(response, HttpStatusCode.OK);
        Assert.Equal("file", Expect.Header(response, "X-AeorDB-Type"));
        Assert.Equal(path, Expect.Header(response, "X-AeorDB-Path"));
        Assert.Equal("7", Expect.Header(response, "X-AeorDB-Size"));
        Assert.Equal(put.GetProperty("created_at").GetInt64().ToString(), Expect.Header(response, "X-AeorDB-Created"));
        Assert.Equal(put.GetProperty("updated_at").GetInt64().ToString(), Expect.Header(response, "X-AeorDB-Updated"));
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Head_Directory_ReportsDirectoryType()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("headdir");
        await root.PutTextAsync(directory + "/child.txt", "c");

        using var response = await root.HeadAsync("/files" + directory);

        await Expect.EmptyAsync(response, HttpStatusCode.OK);
        Assert.Equal("directory", Expect.Header(response, "X-AeorDB-Type"));
        Assert.Equal(directory, Expect.Header(response, "X-AeorDB-Path"));
    }

    [Fact]
    public async Task Head_Missing_ReturnsBare404()
    {
        using var response = await (await Node.RootAsync()).HeadAsync("/files" + TestPaths.Unique("headmiss"));

        await Expect.EmptyAsync(response, HttpStatusCode.NotFound);
    }
}
