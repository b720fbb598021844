using System.Net;
using AeorDb.Tests.Http.ScaleOut;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Admin;

/// <summary><c>POST /admin/gc</c> on a node kept in PostgreSQL: one silo, and two silos sharing the store.</summary>
public sealed class GcPostgresTests
{
    private static readonly string[] KeepOnlyHead = ["--history-keep-versions", "0", "--history-keep-days", "0"];

    [PostgresFact]
    public async Task Gc_PostgresNode_ReclaimsOverwrittenVersionAndKeepsHead()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var silo = await ScaleOutSilos.StartAsync(database, first: true, [.. KeepOnlyHead, "--gc-min-age-ms", "0"]);
        var root = await silo.RootAsync();
        var current = Bytes(300_000, 2);
        await root.PutFileAsync("/gc/overwritten.bin", Bytes(300_000, 1));
        await root.PutFileAsync("/gc/overwritten.bin", current);

        var dry = await GcTests.CollectAsync(root, dryRun: true);
        Assert.True(dry.GetProperty("garbage_entries").GetInt64() >= 3, dry.ToString());
        var collected = await GcTests.CollectAsync(root, dryRun: false);
        Assert.Equal(dry.GetProperty("garbage_entries").GetInt64(), collected.GetProperty("garbage_entries").GetInt64());
        Assert.True(collected.GetProperty("reclaimed_bytes").GetInt64() >= 300_000, collected.ToString());

        Assert.Equal(0, (await GcTests.CollectAsync(root, dryRun: true)).GetProperty("garbage_entries").GetInt64());
        Assert.Equal(current, await Expect.BytesAsync(await root.GetAsync("/files/gc/overwritten.bin"), HttpStatusCode.OK));
    }

    [PostgresFact]
    public async Task Gc_TwoSilosWritingOnOneCollectingOnOther_EveryAcknowledgedWriteSurvives()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        string[] arguments = [.. KeepOnlyHead, "--gc-min-age-ms", "60000"];
        await using var silo1 = await ScaleOutSilos.StartAsync(database, first: true, arguments);
        await using var silo2 = await ScaleOutSilos.StartAsync(database, first: false, arguments);
        var token = await silo1.RootTokenAsync();
        var (root1, root2) = (silo1.WithToken(token), silo2.WithToken(token));
        Assert.True(
            await Poll.UntilAsync(async () => (await root2.GetAsync("/sync/status")).StatusCode == HttpStatusCode.OK, ScaleOutSilos.Deadline),
            "Silo 2 never accepted silo 1's token");

        var expected = new Dictionary<string, byte[]>();
        using var writing = new CancellationTokenSource();
        var collecting = CollectUntilAsync(root1, writing.Token);
        try
        {
            for (var i = 0; i < 60; i++)
            {
                var path = $"/gc2/f{i % 10}.bin";
                var bytes = Bytes(i % 6 == 0 ? 300_000 : 3000 + i, i % 13);
                await root2.PutFileAsync(path, bytes);
                expected[path] = bytes;
            }
        }
        finally
        {
            await writing.CancelAsync();
        }

        Assert.True(await collecting >= 2, "Fewer than two collections ran beside the writer");
        foreach (var (path, bytes) in expected)
        {
            Assert.Equal(bytes, await Expect.BytesAsync(await root1.GetAsync("/files" + path), HttpStatusCode.OK));
            Assert.Equal(bytes, await Expect.BytesAsync(await root2.GetAsync("/files" + path), HttpStatusCode.OK));
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

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
