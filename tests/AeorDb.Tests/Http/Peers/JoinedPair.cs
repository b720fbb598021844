using System.Net;
using System.Text.Json;
using AeorDb.Tests.Http.Sync;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Peers;

/// <summary>
/// Two real nodes, B joined to A (so both sign with A's key), and one root token (no key_id) valid on both.
/// B joins with a placeholder advertise URL because a test cannot choose B's port before B starts;
/// <see cref="StartAsync"/> can move A's record of B to B's real address so A connects to it too.
/// </summary>
internal sealed class JoinedPair : IAsyncDisposable
{
    /// <summary>Fast heartbeats and a loose jitter bound, since the test machine is shared and busy.</summary>
    public static readonly string[] FastPeers = ["--heartbeat-interval-ms", "100", "--honeymoon-samples", "3", "--honeymoon-max-jitter-ms", "2000"];

    private JoinedPair(AeorDbNode a, AeorDbNode b)
    {
        A = a;
        B = b;
        var root = PeerTokens.Mint(PeerTokens.ReadSigningSeed(a), scope: null);
        RootA = a.WithToken(root);
        RootB = b.WithToken(root);
    }

    public AeorDbNode A { get; }

    public AeorDbNode B { get; }

    public ApiClient RootA { get; }

    public ApiClient RootB { get; }

    /// <summary>Starts A, then B joining A, both with <paramref name="arguments"/>; with <paramref name="pointAAtB"/>, A's peer record of B gets B's real address.</summary>
    public static async Task<JoinedPair> StartAsync(string[] arguments, bool pointAAtB)
    {
        var a = await AeorDbNode.StartAsync(new NodeOptions { ExtraArguments = arguments });
        AeorDbNode? b = null;
        try
        {
            b = await AeorDbNode.StartAsync(new NodeOptions
            {
                ExtraArguments = [.. arguments, "--join", a.BaseUrl.ToString().TrimEnd('/'), "--join-token", a.RootKey!, "--advertise-url", "https://node-b.test:6830"],
            });
            var pair = new JoinedPair(a, b);
            if (pointAAtB)
            {
                var placeholder = await OnlyPeerAsync(pair.RootA);
                await Expect.StatusAsync(await pair.RootA.DeleteAsync($"/sync/peers/{placeholder.GetProperty("node_id").GetUInt64()}"), HttpStatusCode.OK);
                await Expect.StatusAsync(await pair.RootA.PostJsonAsync("/sync/peers", new { address = pair.AddressOfB }), HttpStatusCode.Created);
            }

            return pair;
        }
        catch
        {
            if (b is not null)
            {
                await b.DisposeAsync();
            }

            await a.DisposeAsync();
            throw;
        }
    }

    /// <summary>B's base URL as A stores it.</summary>
    public string AddressOfB => B.BaseUrl.ToString().TrimEnd('/');

    /// <summary>The single peer a node lists.</summary>
    public static async Task<JsonElement> OnlyPeerAsync(ApiClient client)
    {
        var body = await Expect.JsonAsync(await client.GetAsync("/sync/peers"), HttpStatusCode.OK);
        return Assert.Single(body.GetProperty("items").EnumerateArray()).Clone();
    }

    /// <summary>True when the node lists exactly one peer, in state <paramref name="expected"/>; false on any other answer (for polling).</summary>
    public static async Task<bool> OnlyPeerStateIsAsync(ApiClient client, string expected)
    {
        using var response = await client.GetAsync("/sync/peers");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return false;
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = document.RootElement.GetProperty("items").EnumerateArray().ToList();
        return items.Count == 1 && items[0].GetProperty("state").GetString() == expected;
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }
}
