using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Peers;

/// <summary>Which stored base a pull may start from (CONTRACT §6.1 step 2).</summary>
internal static class PeerBase
{
    /// <summary>
    /// The stored base, or null (a full listing) when the peer's <c>sync_paths</c> changed since it was stored: a
    /// diff since that root would miss everything the new filter lets in that did not change meanwhile.
    /// </summary>
    public static string? For(PeerGrainState state, PeerRecord peer)
    {
        var stored = state.BaseSyncPaths ?? [];
        return stored.SequenceEqual(peer.SyncPaths, StringComparer.Ordinal) ? state.LastSyncedRootHash : null;
    }
}
