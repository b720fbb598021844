using System.Net;
using AeorDb.Tests.Http.Peers;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Storage;

/// <summary>Large files stored in segment files: reads whole and by range, open-time recovery of a damaged tail, replication.</summary>
public sealed class SegmentFileTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task LargeFile_PutThenGet_BytesServedFromSegmentFilesWholeAndByRange()
    {
        await using var node = await AeorDbNode.StartAsync();
        var root = await node.RootAsync();
        var content = Segments.Pattern((3 * Segments.ChunkSize) + 200_000, seed: 7);
        await root.PutFileAsync("/large/three.bin", content, "application/octet-stream");

        Assert.Equal(Segments.BytesOf(content.Length), Segments.Bytes(node));
        Assert.Equal(content, await Expect.BytesAsync(await root.GetAsync("/files/large/three.bin"), HttpStatusCode.OK));

        // Within one chunk, across chunk boundaries, into the inline-sized tail, and a suffix.
        foreach (var (from, to) in new (long, long)[] { (5, 1000), (262_000, 530_000), (700_000, content.Length - 1), (0, content.Length - 1) })
        {
            using var partial = await root.GetAsync("/files/large/three.bin", r => r.Headers.Range = new(from, to));
            Assert.Equal(content[(int)from..(int)(to + 1)], await Expect.BytesAsync(partial, HttpStatusCode.PartialContent));
            Assert.Equal($"bytes {from}-{to}/{content.Length}", Expect.Header(partial, "Content-Range"));
        }

        using var suffix = await root.GetAsync("/files/large/three.bin", r => r.Headers.Range = new(null, 300_000));
        Assert.Equal(content[^300_000..], await Expect.BytesAsync(suffix, HttpStatusCode.PartialContent));
    }

    [Fact]
    public async Task Open_GarbagePastLastCommittedByte_CutOffAndEveryFileReads()
    {
        await using var node = await AeorDbNode.StartAsync();
        var root = await node.RootAsync();
        var first = Segments.Pattern(600_000, seed: 11);
        await root.PutFileAsync("/tail/first.bin", first);
        await node.StopAsync();
        var segment = Assert.Single(Segments.Files(node));
        var committed = segment.Length;

        // What a crash between an append and its commit leaves: bytes no row points at.
        await using (var stream = new FileStream(segment.FullName, FileMode.Append, FileAccess.Write))
        {
            stream.Write(Segments.Pattern(150_000, seed: 12));
        }

        await node.RestartAsync();
        Assert.Equal(committed, new FileInfo(segment.FullName).Length);
        Assert.Contains(node.Output.StdoutText.Split('\n').Concat(node.Output.Stderr), line => line.Contains("were cut off", StringComparison.Ordinal));
        Assert.Equal(first, await Expect.BytesAsync(await root.GetAsync("/files/tail/first.bin"), HttpStatusCode.OK));

        var second = Segments.Pattern(700_000, seed: 13);
        await root.PutFileAsync("/tail/second.bin", second);
        await node.StopAsync();
        await node.RestartAsync();
        Assert.Equal(first, await Expect.BytesAsync(await root.GetAsync("/files/tail/first.bin"), HttpStatusCode.OK));
        Assert.Equal(second, await Expect.BytesAsync(await root.GetAsync("/files/tail/second.bin"), HttpStatusCode.OK));
    }

    [Fact]
    public async Task Open_SegmentTruncatedBelowCommittedBytes_LostFileFailsLoudlyOthersIntact()
    {
        await using var node = await AeorDbNode.StartAsync();
        var root = await node.RootAsync();
        var kept = Segments.Pattern(4 * Segments.ChunkSize, seed: 21);
        var lost = Segments.Pattern(4 * Segments.ChunkSize, seed: 22);
        await root.PutFileAsync("/cut/kept.bin", kept);
        await root.PutFileAsync("/cut/lost.bin", lost);
        await node.StopAsync();
        var segment = Assert.Single(Segments.Files(node));
        Assert.Equal(8L * Segments.ChunkSize, segment.Length);

        // Damage from outside the node (a restored backup, a broken disk): the second file's bytes are gone.
        await using (var stream = new FileStream(segment.FullName, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength((4L * Segments.ChunkSize) + 1000);
        }

        await node.RestartAsync();
        Assert.Equal(kept, await Expect.BytesAsync(await root.GetAsync("/files/cut/kept.bin"), HttpStatusCode.OK));

        // Never a complete 200 with made-up bytes: an error status, or a transfer that breaks off.
        var failure = await Record.ExceptionAsync(async () =>
        {
            using var response = await root.GetAsync("/files/cut/lost.bin");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        });
        Assert.True(failure is null or HttpRequestException or IOException or TaskCanceledException, failure?.ToString());

        // New writes go to a fresh segment, never into the damaged one.
        var after = Segments.Pattern(3 * Segments.ChunkSize, seed: 23);
        await root.PutFileAsync("/cut/after.bin", after);
        Assert.Equal((4L * Segments.ChunkSize) + 1000, new FileInfo(segment.FullName).Length);
        Assert.Equal(after, await Expect.BytesAsync(await root.GetAsync("/files/cut/after.bin"), HttpStatusCode.OK));
        Assert.Equal(kept, await Expect.BytesAsync(await root.GetAsync("/files/cut/kept.bin"), HttpStatusCode.OK));
    }

    [Fact]
    public async Task Replication_LargeFileOnPeer_PulledIntoSegmentFilesByteIdentical()
    {
        await using var pair = await JoinedPair.StartAsync(JoinedPair.FastPeers, pointAAtB: false);
        var (rootA, rootB) = (pair.RootA, pair.RootB);
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(rootB, "active"), Deadline), "B never saw A active:\n" + pair.B.Output.StderrText);

        var content = Segments.Pattern((12 * Segments.ChunkSize) + 150_000, seed: 31);
        await rootA.PutFileAsync("/replicated/large.bin", content);
        using (var trigger = await rootB.SendAsync(HttpMethod.Post, "/sync/trigger"))
        {
            await Expect.JsonAsync(trigger, HttpStatusCode.OK);
        }

        Assert.True(
            await Poll.UntilAsync(async () => (await rootB.GetAsync("/files/replicated/large.bin")).StatusCode == HttpStatusCode.OK, Deadline),
            "B never got the file:\n" + pair.B.Output.StderrText);
        Assert.Equal(content, await Expect.BytesAsync(await rootB.GetAsync("/files/replicated/large.bin"), HttpStatusCode.OK));
        Assert.True(Segments.Bytes(pair.B) >= Segments.BytesOf(content.Length), $"B's segment files hold {Segments.Bytes(pair.B)} bytes");
    }
}
