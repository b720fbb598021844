using System.Net;

namespace AeorDb.Silo.CommandLine;

/// <summary>
/// Scale-out mode (DESIGN "Two kinds of cluster"): several silos of one node share one PostgreSQL database for
/// Orleans membership, grain state and the object store. Off (<see cref="Enabled"/> false) on the embedded default.
/// </summary>
internal sealed record ScaleOutOptions
{
    /// <summary>Npgsql connection string of the shared database (<c>--cluster-db</c>); null on the embedded default.</summary>
    public string? ClusterDb { get; init; }

    /// <summary>True when the node runs on PostgreSQL.</summary>
    public bool Enabled => ClusterDb is not null;

    /// <summary>
    /// The IP other silos reach this one at (<c>--silo-address</c>). Null: the <c>--host</c> address when that is a
    /// specific address, else the machine's first non-loopback address.
    /// </summary>
    public IPAddress? SiloAddress { get; init; }

    /// <summary>
    /// How long a silo waits for a probe answer before counting it missed (<c>--membership-probe-timeout-ms</c>);
    /// null = Orleans' default (5 s). A dead silo is declared dead after about three missed probes, so tests shrink
    /// this to see failover within seconds.
    /// </summary>
    public TimeSpan? MembershipProbeTimeout { get; init; }

    /// <summary>
    /// How often every silo makes sure each listed peer's connection runs (<c>--peer-watch-interval-ms</c>, default 10 s).
    /// Grain timers die with the silo hosting the peer grain; this re-activates it on a live silo.
    /// </summary>
    public TimeSpan PeerWatchInterval { get; init; } = TimeSpan.FromSeconds(10);
}
