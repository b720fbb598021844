using System.Net;
using AeorDb.Tests.Http.Peers;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Admin;

/// <summary>
/// Garbage collection beside writes and replication: writers overwrite and delete on A while B pulls from A and both
/// collect over and over, keeping nothing but HEAD. Every acknowledged write must then read back on both nodes.
/// </summary>
public sealed class GcConcurrencyTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static readonly string[] Arguments =
    [
        .. JoinedPair.FastPeers, "--sync-interval-ms", "300", "--sync-debounce-ms", "20",
        "--history-keep-versions", "0", "--history-keep-days", "0",

        // Small segment files, so collections delete and compact segments while the writers and the pull go on.
        "--segment-max-bytes", "1048576", "--segment-compact-percent", "60",
    ];

    [Fact]
    public async Task Gc_WritersPullingPeerAndCollectionsAtOnce_EveryAcknowledgedWriteSurvives()
    {
        await using var pair = await JoinedPair.StartAsync(Arguments, pointAAtB: true);
        var (rootA, rootB) = (pair.RootA, pair.RootB);
        Assert.True(await Poll.UntilAsync(() => JoinedPair.OnlyPeerStateIsAsync(rootB, "active"), Deadline), "B never saw A active:\n" + pair.B.Output.StderrText);

        // The last acknowledged state of each path: its bytes, or null once deleted.
        var expected = new Dictionary<string, byte[]?>();
        using var writing = new CancellationTokenSource();
        var collections = new[] { CollectUntilAsync(rootA, writing.Token), CollectUntilAsync(rootB, writing.Token) };
        try
        {
            var writers = Enumerable.Range(0, 4).Select(writer => WriteAsync(rootA, writer, expected)).ToArray();
            await Task.WhenAll(writers);
        }
        finally
        {
            await writing.CancelAsync();
        }

        var runs = await Task.WhenAll(collections);
        Assert.All(runs, count => Assert.True(count >= 2, $"Only {count} collections ran beside the writers"));

        await VerifyAsync(rootA, expected, "A");
        Assert.True(
            await Poll.UntilAsync(async () => await RootHashAsync(rootA) == await RootHashAsync(rootB), Deadline),
            "B never converged with A:\n" + pair.B.Output.StderrText);
        await VerifyAsync(rootB, expected, "B");

        // A last collection on each side after everything settled takes nothing acknowledged either.
        await GcTests.CollectAsync(rootA, dryRun: false);
        await GcTests.CollectAsync(rootB, dryRun: false);
        await VerifyAsync(rootA, expected, "A after the last collection");
        await VerifyAsync(rootB, expected, "B after the last collection");
    }

    /// <summary>Puts, overwrites (same content again too, which the store deduplicates) and deletes its own paths.</summary>
    private static async Task WriteAsync(ApiClient root, int writer, Dictionary<string, byte[]?> expected)
    {
        var random = new Random(1000 + writer);
        for (var round = 0; round < 40; round++)
        {
            var path = $"/gcload/w{writer}/f{random.Next(8)}.bin";
            byte[]? state;
            if (round % 7 == 6)
            {
                using var delete = await root.DeleteAsync("/files" + path);
                Assert.True(delete.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"DELETE {path}: {delete.StatusCode}");
                state = null;
            }
            else
            {
                // Mostly small files; every fifth spans two chunks; a few reuse content written before (deduplicated).
                var size = round % 5 == 0 ? 300_000 : random.Next(1, 9000);
                state = new byte[size];
                new Random(round % 9 == 8 ? writer : (writer * 1000) + round).NextBytes(state);
                await root.PutFileAsync(path, state);
            }

            lock (expected)
            {
                expected[path] = state;
            }
        }
    }

    private static async Task<int> CollectUntilAsync(ApiClient root, CancellationToken stop)
    {
        var runs = 0;
        while (!stop.IsCancellationRequested || runs < 2)
        {
            await GcTests.CollectAsync(root, dryRun: false);
            runs++;
        }

        return runs;
    }

    private static async Task VerifyAsync(ApiClient root, Dictionary<string, byte[]?> expected, string node)
    {
        foreach (var (path, bytes) in expected)
        {
            using var response = await root.GetAsync("/files" + path);
            if (bytes is null)
            {
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{node}: {path} was deleted but answers {response.StatusCode}");
                continue;
            }

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{node}: {path} answers {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var actual = await response.Content.ReadAsByteArrayAsync();
            Assert.True(bytes.AsSpan().SequenceEqual(actual), $"{node}: {path} holds {actual.Length} bytes, {bytes.Length} were written");
        }
    }

    private static async Task<string> RootHashAsync(ApiClient client) =>
        (await Expect.JsonAsync(await client.PostJsonAsync("/sync/diff", new { paths = new[] { "/no-such-path" } }), HttpStatusCode.OK)).GetProperty("root_hash").GetString()!;
}
