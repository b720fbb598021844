using AeorDb.Grains.Interfaces;

namespace AeorDb.Api.Auth.Jwt;

/// <summary>Peer tokens for calls to other nodes: the root subject with the sync scope, 5 minutes (CONTRACT §6.1).</summary>
internal sealed class PeerTokenSource(TokenIssuer issuer) : IPeerTokenSource
{
    /// <summary>Lifetime of a peer token (CONTRACT §3.1: 300 s).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public string MintPeerToken() => issuer.Issue(Guid.Empty, null, "sync", Lifetime).Token;
}
