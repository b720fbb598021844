using System.Net;
using System.Text.Json;
using AeorDb.Tests.TestSupport;
using Xunit;
using static AeorDb.Tests.Http.Sync.SyncClient;

namespace AeorDb.Tests.Http.Sync;

/// <summary>CONTRACT §5.2 <c>POST /sync/diff</c> as root: full and incremental diffs, sorting, chunk lists, limits.</summary>
public sealed class SyncDiffTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private const string SigningKeyPath = "/.aeordb-system/config/jwt_signing_key";

    private AeorDbNode Node => fixture.Node;

    [Fact]
    public async Task Diff_NoSince_ListsEverythingAsAddedInContractShape()
    {
        var root = await Node.RootAsync();
        var directory = TestPaths.Unique("sync-full");
        await root.PutTextAsync(directory + "/b.txt", "b");
        await root.PutTextAsync(directory + "/a/z.txt", "z");
        await root.PutJsonAsync($"/links{directory}/l", new { target = directory + "/b.txt" });

        var diff = await DiffAsync(root, new { });

        Assert.Equal(["changes", "chunk_hashes_needed", "root_hash"], Expect.Keys(diff));
        Assert.Equal(["files_added", "files_deleted", "files_modified", "symlinks_added", "symlinks_deleted", "symlinks_modified"], Expect.Keys(diff.GetProperty("changes")));
        Assert.Matches("^[0-9a-f]{64}$", diff.GetProperty("root_hash").GetString());
        var added = Paths(diff, "files_added");
        Assert.Contains(directory + "/b.txt", added);
        Assert.Contains(directory + "/a/z.txt", added);
        Assert.Equal(added.Order(StringComparer.Ordinal), added);
        Assert.Empty(Paths(diff, "files_modified"));
        Assert.Empty(Paths(diff, "files_deleted"));
        var link = Entry(diff, "symlinks_added", directory + "/l");
        Assert.Equal(directory + "/b.txt", link.GetProperty("target").GetString());
        var file = Entry(diff, "files_added", directory + "/b.txt");
        // The contract's fields plus the merge extensions (the version's stamp, for modifications the replaced id, and
        // the path's earlier states: none for a file written once).
        Assert.Equal(["chunk_hashes", "content_type", "hash", "history", "node_id", "path", "previous_hash", "size", "virtual_time"], Expect.Keys(file));
        Assert.Equal(0, file.GetProperty("history").GetArrayLength());
        Assert.True(file.GetProperty("virtual_time").GetInt64() > 0);
        Assert.Equal(1, file.GetProperty("size").GetInt64());
        Assert.Equal("text/plain", file.GetProperty("content_type").GetString());
    }

    [Fact]
    public async Task Diff_SinceEarlierRoot_ListsPutOverwriteDeleteAndSymlinkChanges()
    {
        var root = await Node.RootAsync();
        var d = TestPaths.Unique("sync-inc");
        await root.PutTextAsync(d + "/keep.txt", "keep");
        await root.PutTextAsync(d + "/change.txt", "old");
        await root.PutTextAsync(d + "/gone.txt", "gone");
        await root.PutJsonAsync($"/links{d}/l1", new { target = d + "/keep.txt" });
        await root.PutJsonAsync($"/links{d}/l2", new { target = d + "/keep.txt" });
        var filter = new[] { d + "/**" };
        var before = (await DiffAsync(root, new { paths = filter })).GetProperty("root_hash").GetString()!;

        await root.PutTextAsync(d + "/change.txt", "new content");
        await Expect.StatusAsync(await root.DeleteAsync($"/files{d}/gone.txt"), HttpStatusCode.OK);
        await root.PutTextAsync(d + "/sub/new.txt", "fresh");
        await root.PutJsonAsync($"/links{d}/l1", new { target = d + "/sub/new.txt" });
        await Expect.StatusAsync(await root.DeleteAsync($"/links{d}/l2"), HttpStatusCode.OK);
        await root.PutJsonAsync($"/links{d}/l3", new { target = d + "/change.txt" });

        var diff = await DiffAsync(root, new { since_root_hash = before, paths = filter });

        Assert.Equal([d + "/sub/new.txt"], Paths(diff, "files_added"));
        Assert.Equal([d + "/change.txt"], Paths(diff, "files_modified"));
        Assert.Equal([d + "/gone.txt"], Paths(diff, "files_deleted"));
        Assert.Equal([d + "/l3"], Paths(diff, "symlinks_added"));
        Assert.Equal([d + "/l1"], Paths(diff, "symlinks_modified"));
        Assert.Equal([d + "/l2"], Paths(diff, "symlinks_deleted"));
        Assert.Equal(11, Entry(diff, "files_modified", d + "/change.txt").GetProperty("size").GetInt64());
        Assert.Equal(d + "/sub/new.txt", Entry(diff, "symlinks_modified", d + "/l1").GetProperty("target").GetString());
        Assert.Equal(d + "/change.txt", Entry(diff, "symlinks_added", d + "/l3").GetProperty("target").GetString());
        AssertChunksNeededMatchFiles(diff);
    }

    [Fact]
    public async Task Diff_PathPutAndDeletedSinceRoot_IsListedWithItsDeletionRecord()
    {
        var root = await Node.RootAsync();
        var d = TestPaths.Unique("sync-tomb");
        await root.PutTextAsync(d + "/keep.txt", "keep");
        var filter = new[] { d + "/**" };
        var before = (await DiffAsync(root, new { paths = filter })).GetProperty("root_hash").GetString()!;
        var first = (await root.PutTextAsync(d + "/brief.txt", "one")).GetProperty("hash").GetString()!;
        var second = (await root.PutTextAsync(d + "/brief.txt", "two")).GetProperty("hash").GetString()!;
        await Expect.StatusAsync(await root.DeleteAsync($"/files{d}/brief.txt"), HttpStatusCode.OK);

        var diff = await DiffAsync(root, new { since_root_hash = before, paths = filter });

        // Absent from both trees, yet listed: peers that pulled it in between must learn of the deletion.
        Assert.Empty(Paths(diff, "files_added"));
        Assert.Equal([d + "/brief.txt"], Paths(diff, "files_deleted"));
        var deleted = Entry(diff, "files_deleted", d + "/brief.txt");
        Assert.Equal(second, deleted.GetProperty("hash").GetString());
        Assert.Equal(JsonValueKind.Null, deleted.GetProperty("previous_hash").ValueKind);
        Assert.True(deleted.GetProperty("virtual_time").GetInt64() > 0);
        var history = deleted.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal([second, first], history.Select(h => h.GetProperty("hash").GetString()));
        Assert.All(history, h => Assert.False(h.TryGetProperty("deleted", out _)));
        Assert.True(history[0].GetProperty("virtual_time").GetInt64() < deleted.GetProperty("virtual_time").GetInt64());
    }

    [Fact]
    public async Task Diff_FullListing_GivesDeletionRecordsToPeersOnly()
    {
        var root = await Node.RootAsync();
        var d = TestPaths.Unique("sync-tomb-full");
        await root.PutTextAsync(d + "/gone.txt", "gone");
        await Expect.StatusAsync(await root.DeleteAsync($"/files{d}/gone.txt"), HttpStatusCode.OK);
        var peer = Node.WithToken(await PeerTokens.ForNodeAsync(Node));
        var filter = new[] { d + "/**" };

        var asRoot = await DiffAsync(root, new { paths = filter });
        var asPeer = await DiffAsync(peer, new { paths = filter });

        Assert.Empty(Paths(asRoot, "files_deleted"));
        Assert.Equal([d + "/gone.txt"], Paths(asPeer, "files_deleted"));
    }

    [Fact]
    public async Task Diff_SinceCurrentRoot_ListsNoDataChangesButSystemEntriesAsAdded()
    {
        var root = await Node.RootAsync();
        var d = TestPaths.Unique("sync-same");
        await root.PutTextAsync(d + "/x.txt", "x");
        var head = (await DiffAsync(root, new { paths = new[] { d + "/**" } })).GetProperty("root_hash").GetString()!;

        var diff = await DiffAsync(root, new { since_root_hash = head.ToUpperInvariant() });

        Assert.DoesNotContain(d + "/x.txt", AllPaths(diff));
        Assert.Contains(SigningKeyPath, Paths(diff, "files_added"));
        Assert.All(AllPaths(diff), p => Assert.StartsWith("/.aeordb-", p));
    }

    [Fact]
    public async Task Diff_UnknownSince_FallsBackToFullListing()
    {
        var root = await Node.RootAsync();
        var d = TestPaths.Unique("sync-unknown");
        await root.PutTextAsync(d + "/x.txt", "x");

        var diff = await DiffAsync(root, new { since_root_hash = new string('a', 64), paths = new[] { d + "/**" } });

        Assert.Equal([d + "/x.txt"], Paths(diff, "files_added"));
    }

    [Fact]
    public async Task Diff_EmptyBodyWithoutContentType_IsAFullListing()
    {
        var root = await Node.RootAsync();

        using var response = await root.SendAsync(HttpMethod.Post, "/sync/diff");

        var diff = await Expect.JsonAsync(response, HttpStatusCode.OK);
        Assert.Contains(SigningKeyPath, Paths(diff, "files_added"));
    }

    [Fact]
    public async Task Diff_MultiChunkFile_ChunksReassembleTheFileExactly()
    {
        var root = await Node.RootAsync();
        var d = TestPaths.Unique("sync-bytes");
        var big = RandomBytes((2 * 262_144) + 12_345);
        var small = RandomBytes(100);
        await root.PutFileAsync(d + "/big.bin", big, "application/octet-stream");
        await root.PutFileAsync(d + "/small.bin", small, "application/octet-stream");

        var diff = await DiffAsync(root, new { paths = new[] { d + "/**" } });

        AssertChunksNeededMatchFiles(diff);
        var chunks = await ChunksAsync(root, diff.GetProperty("chunk_hashes_needed").EnumerateArray().Select(h => h.GetString()!));
        var byHash = chunks.ToDictionary(c => c.Hash, c => c.Data);
        Assert.All(chunks, c => Assert.Equal(c.Size, c.Data.Length));
        foreach (var (path, expected) in new[] { (d + "/big.bin", big), (d + "/small.bin", small) })
        {
            var file = Entry(diff, "files_added", path);
            Assert.Equal(expected.Length, file.GetProperty("size").GetInt64());
            var rebuilt = file.GetProperty("chunk_hashes").EnumerateArray().SelectMany(h => byHash[h.GetString()!]).ToArray();
            Assert.Equal(expected, rebuilt);
        }

        Assert.Equal(3, Entry(diff, "files_added", d + "/big.bin").GetProperty("chunk_hashes").GetArrayLength());
    }

    [Fact]
    public async Task Diff_BadHexSince_Returns400()
    {
        var root = await Node.RootAsync();

        using var response = await root.PostJsonAsync("/sync/diff", new { since_root_hash = "xyz" });

        await Expect.ErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Diff_101Paths_Returns400And100PathsAreAccepted()
    {
        var root = await Node.RootAsync();
        var globs = Enumerable.Range(0, 101).Select(i => $"/p{i}/**").ToArray();

        using var tooMany = await root.PostJsonAsync("/sync/diff", new { paths = globs });
        using var enough = await root.PostJsonAsync("/sync/diff", new { paths = globs[..100] });

        await Expect.ErrorAsync(tooMany, HttpStatusCode.BadRequest);
        await Expect.JsonAsync(enough, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Diff_QueryToken_IsNotAccepted()
    {
        var token = await Node.RootTokenAsync();

        using var response = await Node.Anonymous.PostJsonAsync($"/sync/diff?token={token}", new { });

        await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Diff_WithoutToken_Returns401()
    {
        using var response = await Node.Anonymous.PostJsonAsync("/sync/diff", new { });

        await Expect.ErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    internal static void AssertChunksNeededMatchFiles(JsonElement diff)
    {
        var fromFiles = new[] { "files_added", "files_modified" }
            .SelectMany(list => diff.GetProperty("changes").GetProperty(list).EnumerateArray())
            .SelectMany(f => f.GetProperty("chunk_hashes").EnumerateArray().Select(h => h.GetString()!))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
        var needed = diff.GetProperty("chunk_hashes_needed").EnumerateArray().Select(h => h.GetString()!).ToArray();
        Assert.Equal(fromFiles, needed);
    }
}
