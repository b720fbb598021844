using System.Net;
using System.Text;
using AeorDb.Tests.Http.Auth;
using AeorDb.Tests.Http.Sync;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Access;

/// <summary>
/// Hash-addressed reads (<c>/blobs</c>, <c>/sync/chunks</c>) are authorized against the paths that refer to the
/// object: a user may fetch a version, chunk or symlink record only when it may read a path holding it, and
/// directory records only as root or peer; a refusal looks exactly like an unknown hash.
/// </summary>
public sealed class HashAddressedReadTests(NodeFixture fixture) : IClassFixture<NodeFixture>, IAsyncLifetime
{
    private const int ChunkSize = 262_144;

    private ApiClient _root = null!;
    private ApiClient _user = null!;
    private byte[] _secret = null!;
    private string _secretVersion = null!;
    private string _shared = null!;

    private AeorDbNode Node => fixture.Node;

    public async Task InitializeAsync()
    {
        _root = await Node.RootAsync();
        _secret = new byte[ChunkSize + 1000];
        new Random(7).NextBytes(_secret);
        Guid.NewGuid().ToByteArray().CopyTo(_secret, 0);
        _secretVersion = (await _root.PutFileAsync(TestPaths.Unique("private") + "/secret.bin", _secret, "application/x-test")).GetProperty("hash").GetString()!;

        // Everyone but the (empty) group's members may read and list the shared directory.
        _shared = TestPaths.Unique("shared");
        await _root.PutTextAsync(_shared + "/.aeordb-permissions", """{"links":[{"group":"nobody","others_allow":"-r--l---"}]}""");

        var key = await _root.CreateKeyAsync(new { label = "a user", user_id = Guid.NewGuid().ToString() });
        _user = Node.WithToken((await Node.MintTokenAsync(key.GetProperty("key").GetString()!)).GetProperty("token").GetString()!);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Blob_VersionOfUnreadablePath_Returns404LikeAnUnknownHash()
    {
        var unknown = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

        using var denied = await _user.GetAsync("/blobs/" + _secretVersion);
        using var missing = await _user.GetAsync("/blobs/" + unknown);

        var deniedBody = await Expect.ErrorAsync(denied, HttpStatusCode.NotFound);
        var missingBody = await Expect.ErrorAsync(missing, HttpStatusCode.NotFound);
        Assert.Equal(
            missingBody.ToString().Replace(unknown, _secretVersion, StringComparison.Ordinal),
            deniedBody.ToString());
    }

    [Fact]
    public async Task Blob_ChunksOfUnreadablePath_Return404()
    {
        foreach (var chunk in Chunks(_secret))
        {
            using var response = await _user.GetAsync("/blobs/" + chunk);
            await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Blob_DirectoryRecordOfDiffRoot_404ForUserButServedToRoot()
    {
        var rootHash = (await SyncClient.DiffAsync(_user, new { })).GetProperty("root_hash").GetString()!;

        using (var response = await _user.GetAsync("/blobs/" + rootHash))
        {
            await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
        }

        using var asRoot = await _root.GetAsync("/blobs/" + rootHash);
        await Expect.BytesAsync(asRoot, HttpStatusCode.OK);
        Assert.Equal("3", Expect.Header(asRoot, "X-AeorDB-Type"));
    }

    [Fact]
    public async Task SyncChunks_ChunksOfUnreadablePath_SkippedForUserButServedToRoot()
    {
        var chunks = Chunks(_secret);

        Assert.Empty(await SyncClient.ChunksAsync(_user, chunks));
        Assert.Equal(chunks, (await SyncClient.ChunksAsync(_root, chunks)).Select(c => c.Hash));
    }

    [Fact]
    public async Task Blob_VersionAndChunkOfReadablePath_Served()
    {
        var bytes = Encoding.UTF8.GetBytes("shared text " + Guid.NewGuid());
        var version = (await _root.PutFileAsync(_shared + "/readable.txt", bytes, "text/plain")).GetProperty("hash").GetString()!;
        var chunk = Assert.Single(Chunks(bytes));

        using (var response = await _user.GetAsync("/blobs/" + version))
        {
            Assert.Equal(bytes, await Expect.BytesAsync(response, HttpStatusCode.OK));
        }

        using (var response = await _user.GetAsync("/blobs/" + chunk))
        {
            Assert.Equal(bytes, await Expect.BytesAsync(response, HttpStatusCode.OK));
        }

        Assert.Equal(bytes, Assert.Single(await SyncClient.ChunksAsync(_user, [chunk])).Data);
    }

    [Fact]
    public async Task Blob_OlderVersionOfReadablePath_StillServed()
    {
        var older = Encoding.UTF8.GetBytes("older " + Guid.NewGuid());
        var olderVersion = (await _root.PutFileAsync(_shared + "/changing.txt", older, "text/plain")).GetProperty("hash").GetString()!;
        await _root.PutTextAsync(_shared + "/changing.txt", "newer " + Guid.NewGuid());

        using var response = await _user.GetAsync("/blobs/" + olderVersion);

        Assert.Equal(older, await Expect.BytesAsync(response, HttpStatusCode.OK));
    }

    private static string[] Chunks(byte[] bytes) =>
        [.. bytes.Chunk(ChunkSize).Select(chunk =>
        {
            using var hasher = Blake3.Hasher.New();
            hasher.Update("chunk:"u8);
            hasher.Update(chunk);
            return hasher.Finalize().ToString();
        })];
}
