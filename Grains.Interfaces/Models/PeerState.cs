namespace AeorDb.Grains.Interfaces.Models;

/// <summary>A peer connection's state (CONTRACT §6.2); the JSON names are the lowercase words.</summary>
public enum PeerState
{
    /// <summary>No live link: at start, when added, after losing the link.</summary>
    Disconnected = 0,

    /// <summary>Sampling heartbeats; no data moves.</summary>
    Honeymoon = 1,

    /// <summary>Clock settled; sync allowed.</summary>
    Active = 2,
}
