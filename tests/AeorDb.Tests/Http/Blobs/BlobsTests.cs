using System.Net;
using System.Text;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Blobs;

/// <summary>CONTRACT §4.7 <c>/blobs/{hash}</c>, with chunk ids computed per §1.4.</summary>
public sealed class BlobsTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private const int ChunkSize = 262_144;

    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task Blob_FileVersionHash_StreamsBytesWithTypeAndHash()
    {
        var root = await Node.RootAsync();
        var bytes = Encoding.UTF8.GetBytes("blob body " + Guid.NewGuid());
        var hash = (await root.PutFileAsync(TestPaths.Unique("blob") + "/b.txt", bytes, "text/plain")).GetProperty("hash").GetString()!;

        using var response = await root.GetAsync("/blobs/" + hash);

        Assert.Equal(bytes, await Expect.BytesAsync(response, HttpStatusCode.OK));
        Assert.Equal("2", Expect.Header(response, "X-AeorDB-Type"));
        Assert.Equal(hash, Expect.Header(response, "X-AeorDB-Hash"));
        Assert.Equal("bytes", Expect.Header(response, "Accept-Ranges"));
    }

    [Fact]
    public async Task Blob_UppercaseHash_IsAccepted()
    {
        var root = await Node.RootAsync();
        var bytes = Encoding.UTF8.GetBytes("case " + Guid.NewGuid());
        var hash = (await root.PutFileAsync(TestPaths.Unique("blobcase") + "/b.txt", bytes, "text/plain")).GetProperty("hash").GetString()!;

        using var response = await root.GetAsync("/blobs/" + hash.ToUpperInvariant());

        Assert.Equal(bytes, await Expect.BytesAsync(response, HttpStatusCode.OK));
        Assert.Equal(hash, Expect.Header(response, "X-AeorDB-Hash"));
    }

    [Fact]
    public async Task Blob_FileVersionWithRange_Returns206()
    {
        var root = await Node.RootAsync();
        var bytes = Encoding.UTF8.GetBytes("0123456789" + Guid.NewGuid());
        var hash = (await root.PutFileAsync(TestPaths.Unique("blobrange") + "/b.txt", bytes, "text/plain")).GetProperty("hash").GetString()!;

        using var response = await root.GetAsync("/blobs/" + hash, r => r.Headers.TryAddWithoutValidation("Range", "bytes=2-5"));

        Assert.Equal("2345"u8.ToArray(), await Expect.BytesAsync(response, HttpStatusCode.PartialContent));
        Assert.Equal($"bytes 2-5/{bytes.Length}", Expect.Header(response, "Content-Range"));
    }

    [Fact]
    public async Task Blob_ChunkIds_ServeEachRawChunk()
    {
        var root = await Node.RootAsync();
        var bytes = new byte[ChunkSize + 5000];
        new Random(11).NextBytes(bytes);
        await root.PutFileAsync(TestPaths.Unique("chunks") + "/two-chunks.bin", bytes, "application/x-test");

        foreach (var chunk in new[] { bytes[..ChunkSize], bytes[ChunkSize..] })
        {
            var id = ChunkId(chunk);
            using var response = await root.GetAsync("/blobs/" + id);
            var served = await Expect.BytesAsync(response, HttpStatusCode.OK);
            Assert.True(chunk.AsSpan().SequenceEqual(served), $"chunk {id} bytes differ");
            Assert.Equal("1", Expect.Header(response, "X-AeorDB-Type"));
            Assert.Equal(id, Expect.Header(response, "X-AeorDB-Hash"));
            Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("not-hex-at-all")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public async Task Blob_NotHex_Returns400(string hash)
    {
        using var response = await (await Node.RootAsync()).GetAsync("/blobs/" + hash);

        await Expect.ErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Blob_UnknownHash_Returns404()
    {
        using var response = await (await Node.RootAsync()).GetAsync("/blobs/" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + new string('0', 32));

        await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Blob_WithoutToken_Returns401()
    {
        using var response = await Node.Anonymous.GetAsync("/blobs/" + new string('a', 64));

        await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    /// <summary>CONTRACT §1.4: chunk id = BLAKE3("chunk:" ‖ bytes), lowercase hex.</summary>
    private static string ChunkId(byte[] chunk)
    {
        using var hasher = Blake3.Hasher.New();
        hasher.Update("chunk:"u8);
        hasher.Update(chunk);
        return hasher.Finalize().ToString();
    }
}
