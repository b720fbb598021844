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
/// What a peer sends is bounded (SECURITY.md "Resource limits"): a <c>/sync/diff</c> or <c>/sync/chunks</c> answer larger
/// than this node accepts fails the pull with a clear error and changes nothing here.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class PeerPullerLimitsTests(GrainClusterFixture fixture) : RemotePeerTests
{
    [Fact]
    public async Task Pull_DiffAnswerOverTheLimit_FailsAndAppliesNothing()
    {
        var dir = GrainClusterFixture.NewDirectory();
        for (var i = 0; i < 20; i++)
        {
            await Remote.Anonymous.PutTextAsync($"{dir}/file-with-a-longish-name-{i}.txt", "x");
        }

        var (result, _) = await Puller(new PeerOptions { MaxDiffAnswerBytes = 2048 }).PullAsync(Peer(dir), null, CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Contains("larger than 2048 bytes", result.Error, StringComparison.Ordinal);
        Assert.Null(await fixture.Tree.GetAsync(dir + "/file-with-a-longish-name-0.txt"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Pull_ChunksAnswerOverTheLimit_FailsAndAppliesNothing(bool chunkFrames)
    {
        var dir = GrainClusterFixture.NewDirectory();
        var big = new byte[(3 << 20) / 2];
        new Random(11).NextBytes(big);
        await Remote.Anonymous.PutFileAsync(dir + "/big.bin", big, "application/octet-stream");

        var options = new PeerOptions { MaxChunksAnswerBytes = 1 << 20, ChunkFrames = chunkFrames };
        var (result, _) = await Puller(options).PullAsync(Peer(dir), null, CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Contains($"larger than {1 << 20} bytes", result.Error, StringComparison.Ordinal);
        Assert.Null(await fixture.Tree.GetAsync(dir + "/big.bin"));
    }

    private PeerRecord Peer(string dir) => new(78, Remote.BaseUrl.ToString().TrimEnd('/'), null, [dir + "/**"]);

    private PeerPuller Puller(PeerOptions options) => new(
        new PlainHttpClientFactory(),
        fixture.Cluster.Client,
        fixture.ObjectStore,
        fixture.TreeStore,
        new PathRules(),
        fixture.Clock,
        new FixedTokenSource(),
        Options.Create(options),
        NullLogger<PeerPuller>.Instance);

    private sealed class PlainHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }

    private sealed class FixedTokenSource : IPeerTokenSource
    {
        public ValueTask<string> GetPeerTokenAsync(string peerAddress, CancellationToken cancellationToken = default) => ValueTask.FromResult("unused-with-auth-disabled");
    }
}
