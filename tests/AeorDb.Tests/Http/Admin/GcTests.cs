using System.Net;
using System.Text.Json;
using AeorDb.Tests.Http.Auth;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Admin;

/// <summary><c>POST /admin/gc</c> on a real node: root only, the answer's fields, what it keeps and what it gives back to the file system.</summary>
public sealed class GcTests
{
    /// <summary>Keep only HEAD: nothing by count, nothing by age.</summary>
    private static readonly string[] KeepOnlyHead = ["--history-keep-versions", "0", "--history-keep-days", "0"];

    [Fact]
    public async Task Gc_NonRootUser_Returns403InErrorShape()
    {
        await using var node = await AeorDbNode.StartAsync();
        var root = await node.RootAsync();
        var key = await root.CreateKeyAsync(new { label = "not root", user_id = Guid.NewGuid().ToString() });
        var user = node.WithToken((await node.MintTokenAsync(key.GetProperty("key").GetString()!)).GetProperty("token").GetString()!);

        using var response = await user.SendAsync(HttpMethod.Post, "/admin/gc");
        await Expect.ErrorAsync(response, HttpStatusCode.Forbidden);

        using var anonymous = await node.Anonymous.SendAsync(HttpMethod.Post, "/admin/gc");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var bad = await root.SendAsync(HttpMethod.Post, "/admin/gc?dry_run=maybe");
        await Expect.ErrorAsync(bad, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Gc_OverwrittenFiles_DryRunCountsThenCollectionReclaimsAndKeepsHead()
    {
        await using var node = await AeorDbNode.StartAsync(new NodeOptions { ExtraArguments = KeepOnlyHead });
        var root = await node.RootAsync();
        var old = Bytes(300_000, 1);
        var current = Bytes(300_000, 2);
        await root.PutFileAsync("/gc/overwritten.bin", old);
        await root.PutFileAsync("/gc/overwritten.bin", current);
        await root.PutFileAsync("/gc/kept.bin", Bytes(1000, 3));

        var dry = await CollectAsync(root, dryRun: true);
        Assert.Equal(["dry_run", "duration_ms", "garbage_entries", "live_entries", "reclaimed_bytes", "versions_scanned"], Expect.Keys(dry).Order(StringComparer.Ordinal).ToArray());
        Assert.True(dry.GetProperty("dry_run").GetBoolean());
        Assert.True(dry.GetProperty("versions_scanned").GetInt64() >= 1, dry.ToString());
        // The old version: its record and its two chunks (300 000 bytes), plus the directory nodes of past roots.
        Assert.True(dry.GetProperty("garbage_entries").GetInt64() >= 3, dry.ToString());
        Assert.True(dry.GetProperty("reclaimed_bytes").GetInt64() >= old.Length, dry.ToString());

        var again = await CollectAsync(root, dryRun: true);
        Assert.Equal(dry.GetProperty("garbage_entries").GetInt64(), again.GetProperty("garbage_entries").GetInt64());

        var collected = await CollectAsync(root, dryRun: false);
        Assert.False(collected.GetProperty("dry_run").GetBoolean());
        Assert.Equal(dry.GetProperty("garbage_entries").GetInt64(), collected.GetProperty("garbage_entries").GetInt64());
        Assert.True(collected.GetProperty("live_entries").GetInt64() > 0, collected.ToString());

        var after = await CollectAsync(root, dryRun: true);
        Assert.Equal(0, after.GetProperty("garbage_entries").GetInt64());
        Assert.Equal(current, await Expect.BytesAsync(await root.GetAsync("/files/gc/overwritten.bin"), HttpStatusCode.OK));
        Assert.Equal(1000, (await Expect.BytesAsync(await root.GetAsync("/files/gc/kept.bin"), HttpStatusCode.OK)).Length);
    }

    [Fact]
    public async Task Gc_DefaultRetention_KeepsRecentHistory()
    {
        await using var node = await AeorDbNode.StartAsync();
        var root = await node.RootAsync();
        await root.PutFileAsync("/gc/history.bin", Bytes(5000, 4));
        await root.PutFileAsync("/gc/history.bin", Bytes(5000, 5));

        var collected = await CollectAsync(root, dryRun: false);

        // Thirty days and sixteen versions by default: a minute-old overwrite is history, not garbage.
        Assert.Equal(0, collected.GetProperty("garbage_entries").GetInt64());
    }

    [Fact]
    public async Task Gc_KeepOneVersion_ReclaimsOnlyVersionsOlderThanThePreviousOne()
    {
        await using var node = await AeorDbNode.StartAsync(new NodeOptions { ExtraArguments = ["--history-keep-versions", "1", "--history-keep-days", "0"] });
        var root = await node.RootAsync();
        foreach (var seed in new[] { 11, 12, 13 })
        {
            await root.PutFileAsync("/gc/versions.bin", Bytes(300_000, seed));
        }

        var collected = await CollectAsync(root, dryRun: false);

        // The first version's 300 000 bytes go; the second is the one past version kept, the third is HEAD.
        var reclaimed = collected.GetProperty("reclaimed_bytes").GetInt64();
        Assert.True(reclaimed is >= 300_000 and < 600_000, collected.ToString());
        Assert.Equal(Bytes(300_000, 13), await Expect.BytesAsync(await root.GetAsync("/files/gc/versions.bin"), HttpStatusCode.OK));
    }

    [Fact]
    public async Task Gc_LargeFileWrittenThenDeleted_DatabaseFilesShrinkBelowTenPercentOfPeak()
    {
        await using var node = await AeorDbNode.StartAsync(new NodeOptions { ExtraArguments = KeepOnlyHead });
        var root = await node.RootAsync();
        const long size = 256L * 1024 * 1024;
        using (var content = new StreamContent(new PatternStream(size)))
        {
            content.Headers.ContentType = new("application/octet-stream");
            using var put = await root.SendAsync(HttpMethod.Put, "/files/gc/large.bin", content);
            await Expect.StatusAsync(put, HttpStatusCode.Created);
        }

        var peak = DatabaseBytes(node);
        Assert.True(peak >= size, $"The database holds {peak} bytes after a {size}-byte PUT");
        await Expect.StatusAsync(await root.DeleteAsync("/files/gc/large.bin"), HttpStatusCode.OK);

        var collected = await CollectAsync(root, dryRun: false);

        Assert.True(collected.GetProperty("reclaimed_bytes").GetInt64() >= size, collected.ToString());
        var after = DatabaseBytes(node);
        Assert.True(after < peak / 10, $"The database files hold {after} bytes after collection, peak {peak}");
        await Expect.StatusAsync(await root.GetAsync("/files/gc/large.bin"), HttpStatusCode.NotFound);
    }

    internal static async Task<JsonElement> CollectAsync(ApiClient root, bool dryRun)
    {
        using var response = await root.SendAsync(HttpMethod.Post, dryRun ? "/admin/gc?dry_run=true" : "/admin/gc");
        return await Expect.JsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>The database file with its WAL and shared-memory files, and the segment files beside it.</summary>
    private static long DatabaseBytes(AeorDbNode node) =>
        new[] { "", "-wal", "-shm" }.Select(suffix => new FileInfo(node.DatabasePath + suffix)).Where(f => f.Exists).Sum(f => f.Length)
        + Storage.Segments.Bytes(node);

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
