using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Peers;

/// <summary>
/// How a <see cref="PeerGrain"/> keyed by a random label hands its peer over to the grain keyed by the peer's real
/// node id, once the peer's heartbeats name it (CONTRACT §6.1: learn the real id instead of keeping a random label).
/// </summary>
public interface IPeerHandover : IGrainWithIntegerKey
{
    /// <summary>Takes over <paramref name="peer"/> (already re-keyed in the peer list) with the sync base, clock statistics and counters of <paramref name="handover"/>, and connects.</summary>
    Task TakeOverAsync(PeerRecord peer, PeerHandover handover);
}
