using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Peers;

/// <summary>
/// One pull from a peer (CONTRACT §6.1): <c>POST /sync/diff</c> since the stored base, fetch the missing chunks
/// through <c>POST /sync/chunks</c> in bounded batches (split on 413), verify every chunk, apply all changes as
/// one tree commit, then store the new base. A plain service (DI singleton) the peer grain's pull worker calls.
/// </summary>
internal interface IPeerPuller
{
    /// <summary>Pulls everything <paramref name="peer"/> changed since <paramref name="sinceRootHash"/> (null: a full listing); returns the result and the peer's root to store as the next base.</summary>
    Task<(PullResult Result, string? PeerRootHash)> PullAsync(PeerRecord peer, string? sinceRootHash, CancellationToken cancellationToken);

    /// <summary>As the other overload, reporting what is done to <paramref name="progress"/> as it goes.</summary>
    Task<(PullResult Result, string? PeerRootHash)> PullAsync(PeerRecord peer, string? sinceRootHash, PullProgress progress, CancellationToken cancellationToken);
}
