using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Peers;

/// <summary>
/// The clock check of a pull: every stamp a peer sends must lie within this node's wall clock plus the allowed skew
/// (<see cref="Interfaces.IHybridClock.Horizon"/>). Checked before anything is fetched or stored, so a peer whose
/// stamps run ahead fails the pull as a whole, with the reason in its <c>last_error</c>, and moves no clock.
/// </summary>
internal sealed partial class PeerPuller
{
    private void EnsureStampsWithinHorizon(PeerRecord peer, List<PeerFileChange> files, List<PeerSymlinkChange> symlinks, IEnumerable<PeerPathOnly> deleted)
    {
        var horizon = clock.Horizon;
        var stamps = files.SelectMany(static f => Stamps(f.Path, f.VirtualTime, f.History))
            .Concat(symlinks.SelectMany(static s => Stamps(s.Path, s.VirtualTime, s.History)))
            .Concat(deleted.SelectMany(static d => Stamps(d.Path, d.VirtualTime, d.History)));
        foreach (var (path, virtualTime) in stamps)
        {
            if (virtualTime > horizon)
            {
                var lead = virtualTime - (horizon - (long)clock.MaxSkew.TotalMilliseconds);
                throw new PeerPullFailedException(
                    $"Peer {peer.NodeId} sent {path} stamped {lead} ms ahead of this node's clock (at most {(long)clock.MaxSkew.TotalMilliseconds} ms allowed); nothing applied");
            }
        }
    }

    private static IEnumerable<(string Path, long VirtualTime)> Stamps(string path, long? virtualTime, IReadOnlyList<PeerVersionRef>? history)
    {
        if (virtualTime is { } time)
        {
            yield return (path, time);
        }

        foreach (var earlier in history ?? [])
        {
            yield return (path, earlier.VirtualTime);
        }
    }
}
