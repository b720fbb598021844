namespace AeorDb.Grains.Interfaces;

/// <summary>
/// The short-lived peer tokens a node presents to its peers (CONTRACT §6.1 as amended by the security notes: nil
/// <c>sub</c>, <c>scope:"sync"</c>, signed with the cluster key, and bound by <c>aud</c> to the receiving peer's
/// proven node id, so no other node accepts it). Implemented by the Api, which owns the signing key, and used by the
/// grains' peer clients.
/// </summary>
public interface IPeerTokenSource
{
    /// <summary>
    /// A token for the peer at <paramref name="peerAddress"/>, minted fresh or reused until shortly before it expires.
    /// Throws <see cref="PeerTokenException"/> when the address may not receive one, and <see cref="HttpRequestException"/>
    /// when the peer cannot be reached to learn its node id.
    /// </summary>
    ValueTask<string> GetPeerTokenAsync(string peerAddress, CancellationToken cancellationToken = default);
}
