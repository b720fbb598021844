using System.Net;
using AeorDb.Tests.Http.Peers;
using AeorDb.Tests.Http.Sync;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.ScaleOut;

/// <summary>
/// A node of two silos on PostgreSQL peered with an embedded node: the peer connection is a grain on one of the two
/// silos, so killing either silo must not stop replication (the peer watch restarts it on the survivor), and a
/// signing key adopted through one silo must be honoured by the other.
/// </summary>
public sealed class ScaleOutPeeringTests
{
    private static readonly string[] FastPeers =
    [
        .. JoinedPair.FastPeers, "--sync-interval-ms", "500", "--sync-debounce-ms", "50",
    ];

    [PostgresFact]
    public async Task TwoSiloNode_PeeredWithEmbeddedNode_KeepsReplicatingWhileEitherSiloIsKilled()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var embedded = await AeorDbNode.StartAsync(new NodeOptions { ExtraArguments = FastPeers });
        await using var silo1 = await ScaleOutSilos.StartAsync(database, first: true, FastPeers);
        await using var silo2 = await ScaleOutSilos.StartAsync(database, first: false, FastPeers);

        // Silo 1 restarts joining the embedded node, which records the two-silo node at silo 2's address. Silo 2 never
        // restarts: it must pick up the adopted signing key by itself.
        var address2 = silo2.BaseUrl.ToString().TrimEnd('/');
        await silo1.StopAsync();
        await silo1.RestartAsync(
        [
            .. ScaleOutSilos.Arguments(database, FastPeers),
            "--join", embedded.BaseUrl.ToString().TrimEnd('/'), "--join-token", embedded.RootKey!, "--advertise-url", address2,
        ]);
        var root = PeerTokens.Mint(PeerTokens.ReadSigningSeed(embedded), scope: null);
        var (rootE, root1, root2) = (embedded.WithToken(root), silo1.WithToken(root), silo2.WithToken(root));
        Assert.True(
            await Poll.UntilAsync(async () => (await root2.GetAsync("/sync/status")).StatusCode == HttpStatusCode.OK, ScaleOutSilos.Deadline),
            "Silo 2 never accepted a token signed with the key adopted through silo 1:\n" + silo2.Output.StderrText);

        Assert.True(await Poll.UntilAsync(() => ScaleOutSilos.OnlyPeerActiveAsync(rootE), ScaleOutSilos.Deadline), "The embedded node never saw the two-silo node active");
        Assert.True(await Poll.UntilAsync(() => ScaleOutSilos.OnlyPeerActiveAsync(root2), ScaleOutSilos.Deadline), "The two-silo node never saw the embedded node active");
        await AssertReplicatesAsync(rootE, root2, "/peered/before.txt", "before any kill");
        await AssertReplicatesAsync(root2, rootE, "/peered/from-node.txt", "written through silo 2");

        // Kill silo 1: the embedded node's writes still reach the node (read through silo 2), and silo 2's reach it.
        await silo1.KillAsync();
        await AssertReplicatesAsync(rootE, root2, "/peered/silo1-dead.txt", "while silo 1 is dead");
        await AssertReplicatesAsync(root2, rootE, "/peered/silo1-dead-back.txt", "through silo 2 while silo 1 is dead");

        // Silo 1 back, silo 2 killed: whichever silo hosted the peer connection has now died once.
        await silo1.RestartAsync(ScaleOutSilos.Arguments(database, FastPeers));
        await silo2.KillAsync();
        await AssertReplicatesAsync(rootE, root1, "/peered/silo2-dead.txt", "while silo 2 is dead");
    }

    /// <summary>Writes through <paramref name="from"/> and waits until <paramref name="to"/> serves the same text.</summary>
    private static async Task AssertReplicatesAsync(ApiClient from, ApiClient to, string path, string text)
    {
        Assert.True(await Poll.UntilAsync(() => ScaleOutSilos.TryPutAsync(from, path, text), ScaleOutSilos.Deadline), $"The write of {path} was never accepted");
        Assert.True(await Poll.UntilAsync(() => ScaleOutSilos.HasTextAsync(to, path, text), ScaleOutSilos.Deadline), $"{path} never replicated");
    }
}
