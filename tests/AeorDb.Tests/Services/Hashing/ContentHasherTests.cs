using System.Text;
using AeorDb.Grains.Services.Hashing;
using Xunit;

namespace AeorDb.Tests.Services.Hashing;

public sealed class ContentHasherTests
{
    private static string Blake3Hex(params string[] parts)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(parts));
        return Convert.ToHexStringLower(Blake3.Hasher.Hash(bytes).AsSpan());
    }

    [Fact]
    public void Blake3Package_EmptyInput_MatchesOfficialVector()
    {
        Assert.Equal("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262", Blake3Hex(string.Empty));
    }

    [Fact]
    public void ChunkId_Hello_IsBlake3OfChunkPrefixAndBytes()
    {
        var id = ContentHasher.ChunkId("hello"u8, system: false);

        Assert.Equal(ContentHasher.HashLength, id.Length);
        Assert.Equal(Blake3Hex("chunk:", "hello"), Convert.ToHexStringLower(id));
    }

    [Fact]
    public void ChunkId_System_UsesSystemPrefix()
    {
        var id = ContentHasher.ChunkId("hello"u8, system: true);

        Assert.Equal(Blake3Hex("system::", "hello"), Convert.ToHexStringLower(id));
        Assert.NotEqual(ContentHasher.ChunkId("hello"u8, system: false), id);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void VerifyChunk_EitherDomain_ReportsWhich(bool system)
    {
        var data = "some chunk bytes"u8.ToArray();
        var id = ContentHasher.ChunkId(data, system);

        Assert.True(ContentHasher.VerifyChunk(id, data, out var isSystem));
        Assert.Equal(system, isSystem);
    }

    [Fact]
    public void VerifyChunk_WrongBytesOrLength_Fails()
    {
        var id = ContentHasher.ChunkId("abc"u8, system: false);

        Assert.False(ContentHasher.VerifyChunk(id, "abd"u8, out _));
        Assert.False(ContentHasher.VerifyChunk(id.AsSpan(0, 31), "abc"u8, out _));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("")]
    [InlineData(null)]
    public void FileVersion_EncodeDecode_RoundTrips(string? contentType)
    {
        var chunks = new[]
        {
            Convert.ToHexStringLower(ContentHasher.ChunkId("a"u8, false)),
            Convert.ToHexStringLower(ContentHasher.ChunkId("b"u8, false)),
        };

        var encoded = ContentHasher.EncodeFileVersion(chunks, 300_000, contentType);
        var decoded = ContentHasher.DecodeFileVersion("id", encoded, system: true);

        Assert.Equal("id", decoded.Hash);
        Assert.Equal(300_000, decoded.Size);
        Assert.Equal(contentType, decoded.ContentType);
        Assert.Equal(chunks, decoded.ChunkHashes);
        Assert.True(decoded.System);
    }

    [Fact]
    public void FileVersion_UppercaseChunkIds_DecodeLowercase()
    {
        var chunk = Convert.ToHexStringLower(ContentHasher.ChunkId("x"u8, false));

        var encoded = ContentHasher.EncodeFileVersion([chunk.ToUpperInvariant()], 1, null);

        Assert.Equal([chunk], ContentHasher.DecodeFileVersion("h", encoded, false).ChunkHashes);
        Assert.Equal(ContentHasher.EncodeFileVersion([chunk], 1, null), encoded);
    }

    [Fact]
    public void FileVersion_BadChunkId_Throws()
    {
        Assert.Throws<FormatException>(() => ContentHasher.EncodeFileVersion(["abcd"], 1, null));
        Assert.Throws<FormatException>(() => ContentHasher.DecodeFileVersion("h", [9, 0, 0], false));
    }

    [Fact]
    public void FileVersionId_SameContent_SameIdAndFilecPrefix()
    {
        var chunk = Convert.ToHexStringLower(ContentHasher.ChunkId("x"u8, false));
        var first = ContentHasher.EncodeFileVersion([chunk], 1, "text/plain");
        var second = ContentHasher.EncodeFileVersion([chunk], 1, "text/plain");

        var id = ContentHasher.FileVersionId(first);

        Assert.Equal(id, ContentHasher.FileVersionId(second));
        var expected = Blake3.Hasher.Hash([.. "filec:"u8, .. first]);
        Assert.Equal(Convert.ToHexStringLower(expected.AsSpan()), Convert.ToHexStringLower(id));
    }

    [Fact]
    public void FileVersionId_AnyFieldDiffers_IdDiffers()
    {
        var chunk = Convert.ToHexStringLower(ContentHasher.ChunkId("x"u8, false));
        var baseline = ContentHasher.FileVersionId(ContentHasher.EncodeFileVersion([chunk], 1, "text/plain"));

        Assert.NotEqual(baseline, ContentHasher.FileVersionId(ContentHasher.EncodeFileVersion([chunk], 2, "text/plain")));
        Assert.NotEqual(baseline, ContentHasher.FileVersionId(ContentHasher.EncodeFileVersion([chunk], 1, "text/html")));
        Assert.NotEqual(baseline, ContentHasher.FileVersionId(ContentHasher.EncodeFileVersion([chunk], 1, null)));
        Assert.NotEqual(baseline, ContentHasher.FileVersionId(ContentHasher.EncodeFileVersion([chunk, chunk], 1, "text/plain")));
    }

    [Fact]
    public void DomainPrefixes_SameBytes_DistinctIds()
    {
        var data = "same"u8;
        var ids = new[]
        {
            ContentHasher.ChunkId(data, false),
            ContentHasher.ChunkId(data, true),
            ContentHasher.FileVersionId(data),
            ContentHasher.DirectoryId(data),
            ContentHasher.SymlinkId(data),
        }.Select(Convert.ToHexStringLower);

        Assert.Equal(5, ids.Distinct().Count());
    }

    [Fact]
    public void Symlink_Encoding_IsUtf8Target()
    {
        Assert.Equal("/a/ü"u8.ToArray(), ContentHasher.EncodeSymlink("/a/ü"));
        Assert.Equal(Blake3.Hasher.Hash([.. "link:"u8, .. "/t"u8]).AsSpan().ToArray(), ContentHasher.SymlinkId(ContentHasher.EncodeSymlink("/t")));
    }
}
