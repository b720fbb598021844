using System.Net;
using AeorDb.Tests.Http.Sync;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Peers;

/// <summary>
/// Issue 13 item 6 between real processes: the token a node sends to a peer is bound (<c>aud</c>) to that peer's
/// proven node id and is refused by the sender itself and by every other member, so whoever receives it (or relays
/// it) cannot replay it for system data or the signing key. A peer address that cannot prove membership gets no
/// token at all.
/// </summary>
public sealed class PeerTokenReplayTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PeerToken_CapturedByTheReceiver_IsRefusedByTheSenderAndOtherMembers()
    {
        await using var a = await AeorDbNode.StartAsync(new NodeOptions { ExtraArguments = JoinedPair.FastPeers });
        // The join token reaches B through a file and C through the environment, never the process list.
        using var tokenFile = new TempDirectory();
        File.WriteAllText(tokenFile.Combine("join-token"), a.RootKey + "\n");
        await using var b = await JoinAsync(a, ["--join-token-file", tokenFile.Combine("join-token")]);
        await using var c = await JoinAsync(a, [], new Dictionary<string, string?> { ["AEORDB_JOIN_TOKEN"] = a.RootKey });
        await using var relay = new CapturingPeerProxy(b.BaseUrl);
        var root = a.WithToken(PeerTokens.Mint(PeerTokens.ReadSigningSeed(a), scope: null));

        await Expect.StatusAsync(await root.PostJsonAsync("/sync/peers", new { address = relay.Address }), HttpStatusCode.Created);
        Assert.True(await Poll.UntilAsync(() => !relay.Tokens.IsEmpty, Deadline), "A never sent a token to the relay.");
        relay.Tokens.TryPeek(out var captured);

        var claims = Jwt.Payload(captured!);
        Assert.Equal((await PeerTokens.NodeIdAsync(b)).ToString(System.Globalization.CultureInfo.InvariantCulture), claims.GetProperty("aud").GetString());
        Assert.Equal("sync", claims.GetProperty("scope").GetString());
        Assert.True(claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64() <= 60);
        foreach (var replayedAt in new[] { a, c })
        {
            using var diff = await replayedAt.WithToken(captured!).PostJsonAsync("/sync/diff", new { });
            using var chunks = await replayedAt.WithToken(captured!).PostJsonAsync("/sync/chunks", new { hashes = new[] { new string('0', 64) } });
            await Expect.ErrorAsync(diff, HttpStatusCode.Unauthorized);
            await Expect.ErrorAsync(chunks, HttpStatusCode.Unauthorized);
        }

        // The node it was minted for accepts it: the binding, not the token, is what the others refuse.
        using var atB = await b.WithToken(captured!).PostJsonAsync("/sync/diff", new { });
        await Expect.StatusAsync(atB, HttpStatusCode.OK);
    }

    [Fact]
    public async Task PeerAddress_ThatCannotProveMembership_NeverReceivesAToken()
    {
        await using var a = await AeorDbNode.StartAsync(new NodeOptions { ExtraArguments = JoinedPair.FastPeers });
        await using var stranger = new CapturingPeerProxy(target: null);
        var root = await a.RootAsync();

        await Expect.StatusAsync(await root.PostJsonAsync("/sync/peers", new { address = stranger.Address }), HttpStatusCode.Created);
        Assert.True(
            await Poll.UntilAsync(async () => (await LastErrorAsync(root))?.Contains("did not prove its node id", StringComparison.Ordinal) == true, Deadline),
            "The peer's last_error never said why no token was sent: " + await LastErrorAsync(root));

        Assert.Contains("/sync/identity", stranger.Paths);
        Assert.Empty(stranger.Tokens);
    }

    [Fact]
    public async Task PeerAddress_PlainHttpToAnotherHost_IsRefusedAt400()
    {
        await using var a = await AeorDbNode.StartAsync();
        var root = await a.RootAsync();

        using var response = await root.PostJsonAsync("/sync/peers", new { address = "http://node-x.example:6830" });
        using var join = await root.PostJsonAsync("/sync/join", new { node_url = "http://node-x.example:6830" });

        await Expect.ErrorAsync(response, HttpStatusCode.BadRequest);
        await Expect.ErrorAsync(join, HttpStatusCode.BadRequest);
        Assert.Contains("--allow-insecure-peers", (await Expect.ErrorAsync(await root.PostJsonAsync("/sync/peers", new { address = "http://10.1.2.3:6830" }), HttpStatusCode.BadRequest)).GetProperty("error").GetString());
    }

    private static Task<AeorDbNode> JoinAsync(AeorDbNode member, string[] credential, IReadOnlyDictionary<string, string?>? environment = null) =>
        AeorDbNode.StartAsync(new NodeOptions
        {
            AdvertiseSelf = true,
            Environment = environment,
            ExtraArguments = [.. JoinedPair.FastPeers, "--join", member.BaseUrl.ToString().TrimEnd('/'), .. credential],
        });

    private static async Task<string?> LastErrorAsync(ApiClient root)
    {
        using var response = await root.GetAsync("/sync/peers");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        var items = (await Expect.JsonAsync(response, HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        return items.Select(p => p.GetProperty("sync_status").GetProperty("last_error")).Where(e => e.ValueKind == System.Text.Json.JsonValueKind.String).Select(e => e.GetString()).FirstOrDefault();
    }
}
