using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Interfaces;

/// <summary>The node's hybrid logical clock (DESIGN "Versions and time"). Thread-safe DI singleton.</summary>
public interface IHybridClock
{
    /// <summary>This node's id (0 until the cluster grain has set it at start-up).</summary>
    ulong NodeId { get; }

    /// <summary>Sets this node's id once at start-up.</summary>
    void SetNodeId(ulong nodeId);

    /// <summary>A stamp strictly greater than every stamp issued or observed before: max(wall ms, last + 1).</summary>
    VersionStamp Next();

    /// <summary>How far a remote stamp may lead this node's wall clock.</summary>
    TimeSpan MaxSkew { get; }

    /// <summary>The latest remote virtual time this node accepts now: its wall clock (not its virtual time) plus <see cref="MaxSkew"/>.</summary>
    long Horizon { get; }

    /// <summary>
    /// Advances the clock past a remote virtual time, so later local stamps order after it; false (and no change)
    /// when the time lies beyond <see cref="Horizon"/>.
    /// </summary>
    bool Observe(long virtualTime);

    /// <summary>Current virtual time without issuing a stamp.</summary>
    long Peek();
}
