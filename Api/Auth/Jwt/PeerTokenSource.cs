using System.Globalization;
using AeorDb.Api.Sync.Identity;
using AeorDb.Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Auth.Jwt;

/// <summary>
/// Peer tokens for calls to other nodes: root subject, <c>scope:"sync"</c>, <c>aud</c> = the receiving peer's node id
/// as it proved it (<see cref="PeerIdentityClient"/>), <see cref="Lifetime"/>. The receiver accepts a token only
/// when <c>aud</c> names itself (<see cref="PeerTokenAudience"/>), so a token a peer receives is worth nothing at this
/// node or any other. Tokens are reused per address until <see cref="RenewBefore"/> their expiry, so a busy peer
/// costs one identity round trip and one signature a minute, not one per pull.
/// </summary>
internal sealed class PeerTokenSource : IPeerTokenSource
{
    /// <summary>Lifetime of a peer token. Short: a token that leaks is dead within about a minute (plus the contract's 60 s leeway).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>How long before its expiry a cached token is replaced.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(20);

    private readonly TokenIssuer _issuer;
    private readonly PeerIdentityClient _identities;
    private readonly IOptions<ApiOptions> _options;
    private readonly TimeProvider _time;
    private readonly BoundedCache<string, string> _tokens;

    public PeerTokenSource(TokenIssuer issuer, PeerIdentityClient identities, SigningKeyStore keys, IOptions<ApiOptions> options, TimeProvider time)
    {
        (_issuer, _identities, _options, _time) = (issuer, identities, options, time);
        _tokens = new BoundedCache<string, string>(1_000, time);
        // A token signed with a key this node no longer holds would be refused everywhere.
        keys.Changed += _tokens.Clear;
    }

    public async ValueTask<string> GetPeerTokenAsync(string peerAddress, CancellationToken cancellationToken = default)
    {
        var address = peerAddress.Trim().TrimEnd('/');
        if (PeerAddressPolicy.Problem(address, _options.Value.AllowInsecurePeers) is { } problem)
        {
            throw new PeerTokenException(problem);
        }

        if (_tokens.TryGet(address, out var cached))
        {
            return cached;
        }

        var nodeId = await _identities.ProveAsync(address, cancellationToken).ConfigureAwait(false);
        var token = _issuer.Issue(Guid.Empty, null, TokenIssuer.SyncScope, Lifetime, nodeId.ToString(CultureInfo.InvariantCulture)).Token;
        _tokens.Set(address, token, _time.GetUtcNow() + Lifetime - RenewBefore);
        return token;
    }
}
