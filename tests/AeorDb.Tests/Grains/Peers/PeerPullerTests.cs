using System.Net;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Paths;
using AeorDb.Grains.Services.Peers;
using AeorDb.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace AeorDb.Tests.Grains.Peers;

/// <summary>
/// CONTRACT §6.1: the puller against one real remote node (the peer, auth disabled so every /sync caller is a
/// peer) applying into the in-process silo and SQLite store of <see cref="GrainClusterFixture"/> ("us").
/// Each test limits the pull to its own directory through the peer's sync paths.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class PeerPullerTests(GrainClusterFixture fixture) : RemotePeerTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Pull_FilesAndSymlinks_AppliesSameEntriesAndByteIdenticalContent(bool chunkFrames)
    {
        var dir = GrainClusterFixture.NewDirectory();
        var big = new byte[600 * 1024 + 123];
        new Random(7).NextBytes(big);
        await Remote.Anonymous.PutFileAsync(dir + "/big.bin", big, "application/octet-stream");
        await Remote.Anonymous.PutTextAsync(dir + "/a/small.txt", "hello");
        using (var link = await Remote.Anonymous.PutJsonAsync("/links" + dir + "/link", new { target = dir + "/a/small.txt" }))
        {
            Assert.Equal(HttpStatusCode.Created, link.StatusCode);
        }

        // Chunks come as binary frames, or as the contract's base64 JSON (what a peer of another implementation sends).
        var (result, peerRoot) = await Puller(chunkFrames: chunkFrames).PullAsync(Peer(dir), null, CancellationToken.None);

        Assert.True(result.Ok, result.Error);
        Assert.Equal(3, result.OperationsApplied);
        Assert.Equal(64, peerRoot!.Length);
        Assert.Equal(big, await ReadLocalAsync(dir + "/big.bin"));
        Assert.Equal("hello"u8.ToArray(), await ReadLocalAsync(dir + "/a/small.txt"));
        var symlink = await fixture.Tree.GetAsync(dir + "/link");
        Assert.Equal(EntryKind.Symlink, symlink!.Kind);
        Assert.Equal(dir + "/a/small.txt", symlink.Target);
        Assert.Equal("application/octet-stream", (await fixture.Tree.GetAsync(dir + "/big.bin"))!.ContentType);
    }

    [Fact]
    public async Task Pull_IncrementalAfterOverwriteAndDelete_AppliesExactlyThose()
    {
        var dir = GrainClusterFixture.NewDirectory();
        await Remote.Anonymous.PutTextAsync(dir + "/keep.txt", "keep");
        await Remote.Anonymous.PutTextAsync(dir + "/change.txt", "v1");
        await Remote.Anonymous.PutTextAsync(dir + "/gone.txt", "bye");
        var puller = Puller();
        var (first, baseRoot) = await puller.PullAsync(Peer(dir), null, CancellationToken.None);
        Assert.True(first.Ok, first.Error);
        var keepBefore = await fixture.Tree.GetAsync(dir + "/keep.txt");

        await Remote.Anonymous.PutTextAsync(dir + "/change.txt", "v2");
        using (var deleted = await Remote.Anonymous.DeleteAsync("/files" + dir + "/gone.txt"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        var (second, newRoot) = await puller.PullAsync(Peer(dir), baseRoot, CancellationToken.None);

        Assert.True(second.Ok, second.Error);
        Assert.Equal(2, second.OperationsApplied);
        Assert.NotEqual(baseRoot, newRoot);
        Assert.Equal("v2"u8.ToArray(), await ReadLocalAsync(dir + "/change.txt"));
        Assert.Null(await fixture.Tree.GetAsync(dir + "/gone.txt"));
        Assert.Equal(keepBefore, await fixture.Tree.GetAsync(dir + "/keep.txt"));

        var (third, thirdRoot) = await puller.PullAsync(Peer(dir), newRoot, CancellationToken.None);
        Assert.True(third.Ok, third.Error);
        Assert.Equal(0, third.OperationsApplied);
        Assert.Equal(newRoot, thirdRoot);
    }

    [Fact]
    public async Task Pull_StoreRefusesAChunk_FailsWithoutAnyTreeChange()
    {
        var dir = GrainClusterFixture.NewDirectory();
        await Remote.Anonymous.PutTextAsync(dir + "/one.txt", "first " + Guid.NewGuid());
        await Remote.Anonymous.PutTextAsync(dir + "/two.txt", "second " + Guid.NewGuid());
        var rootBefore = await fixture.Tree.GetRootHashAsync();

        var (result, peerRoot) = await Puller(new RefusingStore(fixture.ObjectStore)).PullAsync(Peer(dir), null, CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Contains("does not match its hash", result.Error);
        Assert.Null(peerRoot);
        Assert.Equal(rootBefore, await fixture.Tree.GetRootHashAsync());
        Assert.Null(await fixture.Tree.GetAsync(dir + "/one.txt"));
    }

    [Fact]
    public async Task Pull_PeerAnswersNon2xx_FailsWithStatusAndBody()
    {
        var (result, _) = await Puller().PullAsync(Peer("/x"), "zz-not-hex", CancellationToken.None);

        Assert.False(result.Ok);
        Assert.StartsWith("Peer 77 returned 400: ", result.Error);
    }

    [Theory]
    [InlineData("/docs/a.txt", true)]
    [InlineData("/.aeordb-system/users/u1", true)]
    [InlineData("/.aeordb-system/config/jwt_signing_key", true)]
    [InlineData("/.aeordb-system/api-keys/k", true)]
    [InlineData("/.aeordb-system/email-config.json", true)]
    [InlineData("/.aeordb-config/cors.json", true)]
    [InlineData("/.aeordb-system/cluster/node_id", false)]
    [InlineData("/.aeordb-system/sync-peers/p", false)]
    [InlineData("/.aeordb-system/join-audit/a", false)]
    [InlineData("/.aeordb-system/magic-links/m", false)]
    public void Replicates_SystemSubtrees_OnlyThoseOfTheContract(string path, bool expected) =>
        Assert.Equal(expected, PeerPuller.Replicates(path));

    private PeerRecord Peer(string dir) => new(77, Remote.BaseUrl.ToString().TrimEnd('/'), null, [dir + "/**"]);

    private PeerPuller Puller(IObjectStore? store = null, bool chunkFrames = true) => new(
        new PlainHttpClientFactory(),
        fixture.Cluster.Client,
        store ?? fixture.ObjectStore,
        fixture.TreeStore,
        new PathRules(),
        fixture.Clock,
        new FixedTokenSource(),
        Options.Create(new PeerOptions { ChunkFrames = chunkFrames }),
        NullLogger<PeerPuller>.Instance);

    private async Task<byte[]> ReadLocalAsync(string path)
    {
        var entry = await fixture.Tree.GetAsync(path);
        Assert.NotNull(entry);
        var version = await fixture.ObjectStore.GetFileVersionAsync(entry.Hash);
        Assert.NotNull(version);
        var content = new MemoryStream();
        var buffer = new byte[256 * 1024];
        foreach (var chunk in version.ChunkHashes)
        {
            var length = await fixture.ObjectStore.ReadAsync(Convert.FromHexString(chunk), buffer);
            Assert.True(length >= 0, $"chunk {chunk} is missing");
            content.Write(buffer, 0, length);
        }

        return content.ToArray();
    }

    private sealed class PlainHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }

    private sealed class FixedTokenSource : IPeerTokenSource
    {
        public ValueTask<string> GetPeerTokenAsync(string peerAddress, CancellationToken cancellationToken = default) => ValueTask.FromResult("unused-with-auth-disabled");
    }

    /// <summary>The real store, refusing every verified chunk as a mismatch (what a tampered chunk gets).</summary>
    private sealed class RefusingStore(IObjectStore inner) : IObjectStore
    {
        public ValueTask<byte[]> PutChunkAsync(ReadOnlyMemory<byte> data, bool system, CancellationToken cancellationToken = default) =>
            inner.PutChunkAsync(data, system, cancellationToken);

        public ValueTask<bool> PutVerifiedChunkAsync(ReadOnlyMemory<byte> expectedHash, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(false);

        public ValueTask<FileVersion> PutFileVersionAsync(IReadOnlyList<string> chunkHashes, long size, string? contentType, bool system, CancellationToken cancellationToken = default) =>
            inner.PutFileVersionAsync(chunkHashes, size, contentType, system, cancellationToken);

        public ValueTask<FileVersion> PutSmallFileAsync(ReadOnlyMemory<byte> content, string? contentType, bool system, CancellationToken cancellationToken = default) =>
            inner.PutSmallFileAsync(content, contentType, system, cancellationToken);

        public ValueTask<FileVersion?> GetFileVersionAsync(string versionHash, CancellationToken cancellationToken = default) =>
            inner.GetFileVersionAsync(versionHash, cancellationToken);

        public ValueTask<ObjectInfo?> GetInfoAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default) =>
            inner.GetInfoAsync(hash, cancellationToken);

        public ValueTask<int> ReadAsync(ReadOnlyMemory<byte> hash, Memory<byte> destination, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(hash, destination, cancellationToken);

        public ValueTask<bool> ContainsAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default) =>
            inner.ContainsAsync(hash, cancellationToken);
    }
}
