using System.Net.Http.Json;
using System.Text.Json;
using AeorDb.Api.Auth.Jwt;
using AeorDb.Grains.Interfaces;

namespace AeorDb.Api.Sync.Identity;

/// <summary>
/// Learns a peer's node id from its <c>GET /sync/identity</c> with a fresh nonce and checks the proof against this
/// node's signing key (<see cref="PeerIdentityProof"/>): an address that cannot prove membership of this cluster, or
/// that turns out to be this node itself, gets no peer token. Network failures surface as the
/// <see cref="HttpRequestException"/> they are, like any other unreachable peer.
/// </summary>
internal sealed class PeerIdentityClient(IHttpClientFactory httpClients, SigningKeyStore keys, IHybridClock clock)
{
    /// <summary>The named client of identity requests (peer trust from <c>--peer-ca-file</c> applies to every client).</summary>
    public const string HttpClientName = "aeordb-peer-identity";

    /// <summary>The proven node id of the peer at <paramref name="address"/> (a base URL without trailing slash).</summary>
    public async Task<ulong> ProveAsync(string address, CancellationToken cancellationToken)
    {
        var nonce = PeerIdentityProof.NewNonce();
        using var response = await httpClients.CreateClient(HttpClientName)
            .GetAsync($"{address}{PeerIdentityEndpoints.Route}?nonce={nonce}", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new PeerTokenException($"{address} did not prove its node id: {PeerIdentityEndpoints.Route} answered {(int)response.StatusCode}");
        }

        PeerIdentityBody? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<PeerIdentityBody>(ApiJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is not { NodeId: not 0, Signature: { } signature } || !TryDecode(signature, out var bytes)
            || !PeerIdentityProof.Verify(keys.Current.PublicKey, nonce, body.NodeId, bytes))
        {
            throw new PeerTokenException($"{address} did not prove its node id with this cluster's signing key (not a member of this cluster?)");
        }

        if (body.NodeId == clock.NodeId)
        {
            throw new PeerTokenException($"{address} is this node itself (node id {body.NodeId})");
        }

        return body.NodeId;
    }

    private static bool TryDecode(string base64, out byte[] bytes)
    {
        bytes = new byte[64];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == 64;
    }
}
