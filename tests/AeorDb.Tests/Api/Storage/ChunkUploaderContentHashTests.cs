using System.Text;
using AeorDb.Api.Storage;
using AeorDb.Tests.Api.Files;
using Xunit;

namespace AeorDb.Tests.Api.Storage;

/// <summary>The whole-file BLAKE3 the upload computes while it streams (the change-event <c>hash</c>, CONTRACT §1.4).</summary>
public sealed class ChunkUploaderContentHashTests
{
    [Fact]
    public async Task Upload_Hello_HashesToTheBlake3TestVector()
    {
        var upload = await new ChunkUploader(new MemoryObjectStore()).UploadAsync(new MemoryStream(Encoding.UTF8.GetBytes("hello")), false, 100, "application/x-test", default);

        Assert.Equal("ea8f163db38682925e4491c5e58d4bb3506ef8c14eb78a86e908c5624a67200f", upload.ContentHash);
    }

    [Fact]
    public async Task Upload_ManyChunksTrickled_HashesTheWholeBodyUnprefixed()
    {
        var data = new byte[(ChunkUploader.ChunkSize * 3) + 12_345];
        new Random(7).NextBytes(data);

        var upload = await new ChunkUploader(new MemoryObjectStore()).UploadAsync(new ShortReads(data, 9_999), false, long.MaxValue, "application/x-test", default);

        Assert.Equal(Blake3.Hasher.Hash(data).ToString(), upload.ContentHash);
    }

    [Fact]
    public async Task Upload_EmptyBody_HashesTheEmptyString()
    {
        var upload = await new ChunkUploader(new MemoryObjectStore()).UploadAsync(new MemoryStream(), false, 100, "application/x-test", default);

        Assert.Equal("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262", upload.ContentHash);
    }

    /// <summary>Returns at most <paramref name="step"/> bytes per read, as a network body does.</summary>
    private sealed class ShortReads(byte[] data, int step) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, step)], cancellationToken);
    }
}
