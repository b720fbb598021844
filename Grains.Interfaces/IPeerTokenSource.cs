namespace AeorDb.Grains.Interfaces;

/// <summary>
/// Mints the short-lived peer tokens a node presents to its peers (CONTRACT §6.1: nil <c>sub</c>,
/// <c>scope:"sync"</c>, 300 s, signed with the cluster key). Implemented by the Api, which owns the signing
/// key, and used by the grains' peer client.
/// </summary>
public interface IPeerTokenSource
{
    /// <summary>A fresh peer token.</summary>
    string MintPeerToken();
}
