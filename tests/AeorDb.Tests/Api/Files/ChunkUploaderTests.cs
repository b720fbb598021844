using AeorDb.Api.Storage;
using AeorDb.Grains.Interfaces.Models;
using Xunit;

namespace AeorDb.Tests.Api.Files;

public sealed class ChunkUploaderTests
{
    private const int Chunk = ChunkUploader.ChunkSize;

    [Fact]
    public async Task Upload_TricklingBody_FillsEveryChunkButTheLast()
    {
        var store = new MemoryObjectStore();
        var data = Bytes((Chunk * 3) + 1000);
        var upload = await new ChunkUploader(store).UploadAsync(new TrickleStream(data, 1000), false, long.MaxValue, "application/x-test", default);
        Assert.Equal(UploadFailure.None, upload.Failure);
        Assert.Equal(data.Length, upload.Size);
        // Puts run concurrently, so they may reach the store in any order; the file's chunk list keeps the order.
        Assert.Equal([1000, Chunk, Chunk, Chunk], store.PutSizes.Order());
        Assert.Equal(4, upload.ChunkHashes.Count);
        var lengths = new List<int>();
        foreach (var hash in upload.ChunkHashes)
        {
            lengths.Add(await store.ReadAsync(Convert.FromHexString(hash), new byte[Chunk]));
        }

        Assert.Equal([Chunk, Chunk, Chunk, 1000], lengths);
    }

    [Fact]
    public async Task Upload_LargeBody_KeepsSeveralPutsInFlightButBounded()
    {
        var store = new MemoryObjectStore();
        await new ChunkUploader(store).UploadAsync(new MemoryStream(Bytes(Chunk * 20)), false, long.MaxValue, "application/x-test", default);
        Assert.InRange(store.MaxConcurrentPuts, 2, ChunkUploader.MaxInFlight);
    }

    [Fact]
    public async Task Upload_EmptyBody_HasNoChunksAndIsOctetStream()
    {
        var store = new MemoryObjectStore();
        var upload = await new ChunkUploader(store).UploadAsync(new MemoryStream(), false, 10, null, default);
        Assert.Equal((0L, 0, "application/octet-stream"), (upload.Size, upload.ChunkHashes.Count, upload.ContentType));
    }

    [Fact]
    public async Task Upload_OverLimit_IsTooLarge()
    {
        var upload = await new ChunkUploader(new MemoryObjectStore()).UploadAsync(new MemoryStream(Bytes(Chunk + 10)), false, Chunk, "application/x-test", default);
        Assert.Equal(UploadFailure.TooLarge, upload.Failure);
    }

    [Fact]
    public async Task Upload_StreamFailingMidway_IsBroken()
    {
        var upload = await new ChunkUploader(new MemoryObjectStore()).UploadAsync(new FailingStream(), false, long.MaxValue, "application/x-test", default);
        Assert.Equal(UploadFailure.BrokenStream, upload.Failure);
    }

    [Fact]
    public async Task Upload_Sniff_UsesTheHead()
    {
        var upload = await new ChunkUploader(new MemoryObjectStore()).UploadAsync(new MemoryStream("{\"a\":1}"u8.ToArray()), false, 100, null, default);
        Assert.Equal("application/json", upload.ContentType);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(Chunk - 5, 10)]
    [InlineData(Chunk * 2, Chunk + 7)]
    [InlineData(0, (Chunk * 3) + 1000)]
    public async Task Write_AnyRange_ReturnsThoseBytes(int start, int length)
    {
        var store = new MemoryObjectStore();
        var data = Bytes((Chunk * 3) + 1000);
        var upload = await new ChunkUploader(store).UploadAsync(new MemoryStream(data), false, long.MaxValue, "application/x-test", default);
        var version = new FileVersion("v", data.Length, null, upload.ChunkHashes, false);
        using var output = new MemoryStream();
        var pipe = System.IO.Pipelines.PipeWriter.Create(output, new System.IO.Pipelines.StreamPipeWriterOptions(leaveOpen: true));
        await new VersionReader(store).WriteAsync(version, start, length, pipe, default);
        await pipe.CompleteAsync();
        Assert.Equal(data.AsSpan(start, length).ToArray(), output.ToArray());
    }

    [Fact]
    public async Task ReadAll_SeveralChunks_ReturnsTheWholeFile()
    {
        var store = new MemoryObjectStore();
        var data = Bytes((Chunk * 2) + 17);
        var upload = await new ChunkUploader(store).UploadAsync(new MemoryStream(data), false, long.MaxValue, "application/x-test", default);
        var version = new FileVersion("v", data.Length, null, upload.ChunkHashes, false);
        Assert.Equal(data, await new VersionReader(store).ReadAllAsync(version, default));
    }

    private static byte[] Bytes(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        return data;
    }

    private sealed class TrickleStream(byte[] data, int step) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(step, buffer.Length)], cancellationToken);
    }

    private sealed class FailingStream() : MemoryStream(new byte[Chunk * 2])
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position >= Chunk ? throw new IOException("reset") : base.ReadAsync(buffer, cancellationToken);
    }
}
