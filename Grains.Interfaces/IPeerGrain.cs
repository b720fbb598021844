using AeorDb.Grains.Interfaces.Models;
using Orleans.Concurrency;

namespace AeorDb.Grains.Interfaces;

/// <summary>
/// One peer of this node (key: the peer's node id as stored in the cluster grain's peer list). Runs the
/// connection state machine of CONTRACT §6.2–§6.3 (disconnected → honeymoon → active, driven by the peer's
/// <c>/sync/events</c> heartbeats) and the pulls of §6.1, one at a time, outside its turns.
/// </summary>
public interface IPeerGrain : IGrainWithIntegerKey
{
    /// <summary>Starts (or keeps) the connection to <paramref name="peer"/>: idempotent; called at start-up and when a peer is added.</summary>
    Task StartAsync(PeerRecord peer);

    /// <summary>Stops the connection and forgets the live state (the peer was removed).</summary>
    Task StopAsync();

    /// <summary>The live state and counters, from memory: interleaved, so it never waits behind another call.</summary>
    [AlwaysInterleave]
    Task<PeerStatus> GetStatusAsync();

    /// <summary>
    /// Pulls from the peer now (CONTRACT §5.6); skipped unless active, or activated first when <paramref name="forceActivate"/>.
    /// Interleaved: it starts the pull (or asks for the one after the running pull) and waits for its result while the
    /// peer's other calls go on; a pull may outlast the default response timeout, so this call waits longer.
    /// </summary>
    [AlwaysInterleave]
    [ResponseTimeout("01:00:00")]
    Task<PullResult> TriggerAsync(bool forceActivate);
}
