using System.Net;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Files;

/// <summary>CONTRACT §4.2 Range: 206 for one satisfiable range, 416 otherwise, other units ignored.</summary>
public sealed class FilesRangeTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private const int Size = 1000;

    private AeorDbNode Node => fixture.Node;

    [Theory]
    [InlineData("bytes=0-99", 0, 99)]
    [InlineData("bytes=900-", 900, 999)]
    [InlineData("bytes=-100", 900, 999)]
    [InlineData("bytes=990-5000", 990, 999)]
    [InlineData("bytes=-5000", 0, 999)]
    [InlineData("bytes=0-0", 0, 0)]
    public async Task Get_SatisfiableRange_Returns206WithSlice(string range, int start, int end)
    {
        var (root, path, bytes) = await PutSampleAsync(Size);

        using var response = await root.GetAsync("/files" + path, r => r.Headers.TryAddWithoutValidation("Range", range));

        var body = await Expect.BytesAsync(response, HttpStatusCode.PartialContent);
        Assert.Equal(bytes[start..(end + 1)], body);
        Assert.Equal($"bytes {start}-{end}/{Size}", Expect.Header(response, "Content-Range"));
        Assert.Equal(end - start + 1, response.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("bytes=0-1,5-6")]
    [InlineData("bytes=1000-")]
    [InlineData("bytes=5-3")]
    [InlineData("bytes=-0")]
    public async Task Get_UnsatisfiableRange_Returns416WithStarContentRange(string range)
    {
        var (root, path, _) = await PutSampleAsync(Size);

        using var response = await root.GetAsync("/files" + path, r => r.Headers.TryAddWithoutValidation("Range", range));

        await Expect.EmptyAsync(response, HttpStatusCode.RequestedRangeNotSatisfiable);
        Assert.Equal($"bytes */{Size}", Expect.Header(response, "Content-Range"));
    }

    [Fact]
    public async Task Get_AnyRangeOnEmptyFile_Returns416()
    {
        var (root, path, _) = await PutSampleAsync(0);

        using var response = await root.GetAsync("/files" + path, r => r.Headers.TryAddWithoutValidation("Range", "bytes=0-"));

        await Expect.EmptyAsync(response, HttpStatusCode.RequestedRangeNotSatisfiable);
        Assert.Equal("bytes */0", Expect.Header(response, "Content-Range"));
    }

    [Fact]
    public async Task Get_OtherRangeUnit_IsIgnored()
    {
        var (root, path, bytes) = await PutSampleAsync(Size);

        using var response = await root.GetAsync("/files" + path, r => r.Headers.TryAddWithoutValidation("Range", "items=0-5"));

        Assert.Equal(bytes, await Expect.BytesAsync(response, HttpStatusCode.OK));
    }

    [Fact]
    public async Task Get_RangeAcrossChunkBoundary_ReturnsExactSlice()
    {
        var (root, path, bytes) = await PutSampleAsync(262_144 + 100);

        using var response = await root.GetAsync("/files" + path, r => r.Headers.TryAddWithoutValidation("Range", "bytes=262100-262199"));

        Assert.Equal(bytes[262_100..262_200], await Expect.BytesAsync(response, HttpStatusCode.PartialContent));
    }

    private async Task<(ApiClient Root, string Path, byte[] Bytes)> PutSampleAsync(int size)
    {
        var root = await Node.RootAsync();
        var path = TestPaths.Unique("range") + "/sample.bin";
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        await root.PutFileAsync(path, bytes, "application/x-test");
        return (root, path, bytes);
    }
}
