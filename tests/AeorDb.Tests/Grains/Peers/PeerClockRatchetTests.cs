using System.Net;
using System.Text;
using System.Text.Json;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Clock;
using AeorDb.Grains.Services.Paths;
using AeorDb.Grains.Services.Peers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace AeorDb.Tests.Grains.Peers;

/// <summary>
/// Issue 13 item 7: a hostile peer that stamps its entries 29 s ahead of the clock this node sends it, pull after
/// pull, must not ratchet this node's clock. Stamps are checked against the WALL clock plus the allowed skew; a pull
/// carrying one beyond it fails whole, says why, applies nothing and moves no clock.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class PeerClockRatchetTests(GrainClusterFixture fixture)
{
    private const long LeadMs = 29_000;

    [Fact]
    public async Task Pull_PeerStampsAheadOnEveryPull_NextLocalStampStaysWithinWallClockPlusSkew()
    {
        var dir = GrainClusterFixture.NewDirectory();
        var clock = new HybridClock(TimeProvider.System);
        clock.SetNodeId(42);
        var peer = new AheadPeer(dir);
        var puller = Puller(peer, clock);
        var results = new List<PullResult>();
        string? since = null;

        for (var pull = 0; pull < 4; pull++)
        {
            var (result, root) = await puller.PullAsync(new PeerRecord(77, "http://peer.invalid", null, [dir + "/**"]), since, CancellationToken.None);
            results.Add(result);
            since = root ?? since;
        }

        var next = clock.Next().VirtualTime;
        var wall = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.True(next <= wall + (long)HybridClock.DefaultMaxSkew.TotalMilliseconds, $"The next local stamp is {next - wall} ms ahead of the wall clock.");
        Assert.True(results[0].Ok, results[0].Error);
        Assert.All(results.Skip(1), r =>
        {
            Assert.False(r.Ok);
            Assert.Contains("ahead of this node's clock", r.Error);
        });
        Assert.NotNull(await fixture.Tree.GetAsync(dir + "/link0"));
        Assert.Null(await fixture.Tree.GetAsync(dir + "/link1"));
        Assert.Null(await fixture.Tree.GetAsync(dir + "/link2"));
    }

    [Fact]
    public async Task Pull_FutureStampOnlyInHistory_FailsWithoutApplyingTheOtherEntries()
    {
        var dir = GrainClusterFixture.NewDirectory();
        var clock = new HybridClock(TimeProvider.System);
        clock.SetNodeId(42);
        var peer = new AheadPeer(dir) { FutureHistoryOnly = true };

        var (result, root) = await Puller(peer, clock).PullAsync(new PeerRecord(77, "http://peer.invalid", null, [dir + "/**"]), null, CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Null(root);
        Assert.Null(await fixture.Tree.GetAsync(dir + "/link0"));
        Assert.Null(await fixture.Tree.GetAsync(dir + "/plain"));
    }

    private PeerPuller Puller(AheadPeer peer, IHybridClock clock) => new(
        peer,
        fixture.Cluster.Client,
        fixture.ObjectStore,
        fixture.TreeStore,
        new PathRules(),
        clock,
        new FixedTokenSource(),
        Options.Create(new PeerOptions()),
        NullLogger<PeerPuller>.Instance);

    /// <summary>A peer answering <c>/sync/diff</c> with one new symlink per pull, stamped <see cref="LeadMs"/> past the <c>virtual_time</c> the caller sent.</summary>
    private sealed class AheadPeer(string dir) : HttpMessageHandler, IHttpClientFactory
    {
        private int _pulls;

        public bool FutureHistoryOnly { get; init; }

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal("/sync/diff", request.RequestUri!.AbsolutePath);
            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            var sent = body.RootElement.GetProperty("virtual_time").GetInt64();
            var pull = _pulls++;
            var wall = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            object[] symlinks = FutureHistoryOnly
                ?
                [
                    new { path = $"{dir}/plain", hash = new string('b', 64), target = "/elsewhere", virtual_time = wall, node_id = 77 },
                    new
                    {
                        path = $"{dir}/link0", hash = new string('a', 64), target = "/elsewhere", virtual_time = wall, node_id = 77,
                        history = new[] { new { hash = new string('c', 64), virtual_time = wall + 10 * LeadMs, node_id = 77 } },
                    },
                ]
                : [new { path = $"{dir}/link{pull}", hash = new string('a', 64), target = "/elsewhere", virtual_time = sent + LeadMs, node_id = 77 }];
            var answer = new { root_hash = Convert.ToHexStringLower(BitConverter.GetBytes((long)pull)).PadLeft(64, '0'), changes = new { symlinks_added = symlinks } };
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(JsonSerializer.Serialize(answer), Encoding.UTF8, "application/json") };
        }
    }

    private sealed class FixedTokenSource : IPeerTokenSource
    {
        public ValueTask<string> GetPeerTokenAsync(string peerAddress, CancellationToken cancellationToken = default) => ValueTask.FromResult("unused");
    }
}
