using System.Globalization;
using System.Security.Claims;
using AeorDb.Api.Auth.Jwt;
using AeorDb.Grains.Interfaces;

namespace AeorDb.Api.Auth;

/// <summary>
/// The audience rule of tokens (security amendment to CONTRACT §3.1, §6.1): a token that carries <c>aud</c> is
/// accepted only when it is exactly this node's id, and a <c>scope:"sync"</c> (peer) token must carry one. So a peer
/// token minted for node B is refused by node A, node C and every other node, whatever Host header a replay sends:
/// the check compares with the node id this process holds, never with anything in the request. User tokens carry no
/// <c>aud</c> and are unaffected.
/// </summary>
internal sealed class PeerTokenAudience(IHybridClock clock)
{
    /// <summary>True when the token's audience (or lack of one) is acceptable on this node.</summary>
    public bool Accepts(ClaimsPrincipal principal)
    {
        var audiences = principal.FindAll("aud").Select(static c => c.Value).ToList();
        if (audiences.Count == 0)
        {
            return principal.FindFirst("scope")?.Value != TokenIssuer.SyncScope;
        }

        var self = clock.NodeId;
        return self != 0 && audiences.Count == 1 && audiences[0] == self.ToString(CultureInfo.InvariantCulture);
    }
}
