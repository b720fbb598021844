using System.Collections.Concurrent;
using System.Net;
using AeorDb.Tests.Http.Admin;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Storage;

/// <summary>Garbage collection gives segment space back: dead segments are deleted, sparse ones compacted, beside writers.</summary>
public sealed class SegmentCollectionTests
{
    private const int FileSize = 4 * Segments.ChunkSize;

    /// <summary>Small segments (two files each) so one run has many; sparse below 60 % live.</summary>
    private static readonly string[] Arguments =
    [
        "--history-keep-versions", "0", "--history-keep-days", "0",
        "--segment-max-bytes", (2 * FileSize).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--segment-compact-percent", "60",
    ];

    [Fact]
    public async Task Gc_DeadAndSparseSegmentsWhileWritersRun_SpaceReclaimedEveryAcknowledgedFileIntact()
    {
        await using var node = await AeorDbNode.StartAsync(new NodeOptions { ExtraArguments = Arguments });
        var root = await node.RootAsync();
        var expected = new ConcurrentDictionary<string, byte[]>();
        for (var i = 0; i < 12; i++)
        {
            var bytes = Segments.Pattern(FileSize, seed: (ulong)(500 + i));
            await root.PutFileAsync($"/seg/base{i:D2}.bin", bytes);
            expected[$"/seg/base{i:D2}.bin"] = bytes;
        }

        var peak = Segments.Bytes(node);
        var peakFiles = Segments.Files(node).Select(static f => f.Name).ToHashSet();
        Assert.Equal(6, peakFiles.Count);

        // Files 0-3 fill the first two segments: both go dead. Every other file of the rest leaves segments half live.
        foreach (var i in new[] { 0, 1, 2, 3, 4, 6, 8, 10 })
        {
            await Expect.StatusAsync(await root.DeleteAsync($"/files/seg/base{i:D2}.bin"), HttpStatusCode.OK);
            expected.TryRemove($"/seg/base{i:D2}.bin", out _);
        }

        using var writing = new CancellationTokenSource();
        var collector = CollectUntilAsync(root, writing.Token);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 3).Select(writer => WriteAsync(root, writer, expected)));
        }
        finally
        {
            await writing.CancelAsync();
        }

        Assert.True(await collector >= 1, "No collection ran beside the writers");
        await GcTests.CollectAsync(root, dryRun: false);

        foreach (var (path, bytes) in expected)
        {
            Assert.Equal(bytes, await Expect.BytesAsync(await root.GetAsync("/files" + path), HttpStatusCode.OK));
        }

        // Every segment left is at least 60 % live (or the fresh current one), and none of the deleted or sparse ones stayed.
        var live = expected.Values.Sum(static b => Segments.BytesOf(b.Length));
        var after = Segments.Bytes(node);
        Assert.True(after <= (live / 0.6) + 1, $"Segment files hold {after} bytes for {live} live bytes (peak {peak})");
        var survivors = Segments.Files(node).Select(static f => f.Name).Where(peakFiles.Contains).ToList();
        Assert.True(survivors.Count == 0, $"Segments from before the collection survived: {string.Join(", ", survivors)}");

        await node.StopAsync();
        await node.RestartAsync();
        foreach (var (path, bytes) in expected)
        {
            Assert.Equal(bytes, await Expect.BytesAsync(await root.GetAsync("/files" + path), HttpStatusCode.OK));
        }
    }

    private static async Task WriteAsync(ApiClient root, int writer, ConcurrentDictionary<string, byte[]> expected)
    {
        for (var i = 0; i < 6; i++)
        {
            var path = $"/seg/w{writer}/f{i}.bin";
            var bytes = Segments.Pattern((2 * Segments.ChunkSize) + (i * 50_000), seed: (ulong)(1000 + (writer * 100) + i));
            await root.PutFileAsync(path, bytes);
            expected[path] = bytes;
            using var read = await root.GetAsync("/files" + path);
            Assert.Equal(bytes, await Expect.BytesAsync(read, HttpStatusCode.OK));
        }
    }

    private static async Task<int> CollectUntilAsync(ApiClient root, CancellationToken stop)
    {
        var runs = 0;
        while (!stop.IsCancellationRequested || runs == 0)
        {
            await GcTests.CollectAsync(root, dryRun: false);
            runs++;
        }

        return runs;
    }
}
