using AeorDb.Api.Auth.Jwt;
using AeorDb.Api.Errors;
using AeorDb.Grains.Interfaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.Sync.Identity;

/// <summary>
/// <c>GET /sync/identity?nonce=&lt;64 hex&gt;</c>, public: how a node learns a peer's real node id, proven with the
/// cluster key, before it mints a peer token bound to that id (<c>aud</c>). It reveals nothing but the node id,
/// which every heartbeat carries anyway.
/// </summary>
internal static class PeerIdentityEndpoints
{
    public const string Route = "/sync/identity";

    public static IEndpointRouteBuilder MapPeerIdentity(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Route, Identify);
        return routes;
    }

    private static IResult Identify(string? nonce, IHybridClock clock, SigningKeyStore keys)
    {
        if (!PeerIdentityProof.IsNonce(nonce))
        {
            return ApiErrors.BadRequest($"'nonce' must be {PeerIdentityProof.NonceLength} hex characters");
        }

        var nodeId = clock.NodeId;
        if (nodeId == 0 || !keys.IsLoaded)
        {
            return ApiErrors.Result(StatusCodes.Status503ServiceUnavailable, "This node has no identity yet", ApiErrors.ServiceUnavailableCode);
        }

        var signature = PeerIdentityProof.Sign(keys.Current.PrivateKey, nonce!, nodeId);
        return TypedResults.Json(new PeerIdentityBody(nodeId, Convert.ToBase64String(signature)), ApiJson.Options);
    }
}
