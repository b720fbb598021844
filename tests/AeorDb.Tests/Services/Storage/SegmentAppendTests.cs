using AeorDb.Grains.Services.Storage.Segments;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace AeorDb.Tests.Services.Storage;

/// <summary>Appends to segment files written in pieces (<c>SqliteStoreOptions.SegmentWriteBytes</c>).</summary>
public sealed class SegmentAppendTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aeordb-segments-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(1_000)]
    [InlineData(16 * 1024)]
    [InlineData(1 << 20)]
    public void Append_InPiecesOfAnySize_EveryByteReadsBackAtItsLocation(int maxWriteBytes)
    {
        using var segments = new SegmentSet(Path.Combine(_directory, "db.segments"), 1L << 30, NullLogger.Instance, maxWriteBytes);
        segments.Open(new Dictionary<long, long>());
        var first = Pattern(262_144, seed: 1);
        var second = Pattern(70_001, seed: 2);

        var a = segments.Append(first);
        var b = segments.Append(second);
        segments.SyncAppends();

        Assert.Equal((0L, 262_144), (a.Offset, a.Length));
        Assert.Equal((262_144L, 70_001), (b.Offset, b.Length));
        var readFirst = new byte[a.Length];
        var readSecond = new byte[b.Length];
        Assert.True(segments.TryRead(a, readFirst));
        Assert.True(segments.TryRead(b, readSecond));
        Assert.Equal(first, readFirst);
        Assert.Equal(second, readSecond);
        Assert.Equal(262_144 + 70_001, new FileInfo(Assert.Single(Directory.GetFiles(segments.Directory))).Length);
    }

    private static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
