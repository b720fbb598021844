using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Observability;

/// <summary>
/// Per-peer observable gauges read from memory at scrape time: each peer's state, and its lag in seconds and in
/// change events. Each silo reports the peers whose grains it hosts; a scale-out node's peers are the sum over its silos.
/// </summary>
internal static class PeerGauges
{
    private static readonly ConcurrentDictionary<long, PeerGauge> Peers = new();
    private static TimeProvider s_time = TimeProvider.System;

    static PeerGauges()
    {
        GrainMeter.Meter.CreateObservableGauge("aeordb.peer.state", ObserveStates, "{peer}", "1 for each peer's current state (state: disconnected, honeymoon, active)");
        GrainMeter.Meter.CreateObservableGauge("aeordb.peer.lag", ObserveLagSeconds, "s", "How long the oldest change a peer announced has waited for a pull");
        GrainMeter.Meter.CreateObservableGauge("aeordb.peer.lag.events", ObserveLagEvents, "{event}", "Change events a peer announced that no pull has covered yet");
    }

    /// <summary>Creates the instruments (they exist from the first scrape on, before any peer connects).</summary>
    public static void Initialize()
    {
    }

    /// <summary>The gauge of peer <paramref name="id"/>, created on first use; <paramref name="time"/> dates the lag.</summary>
    public static PeerGauge For(long id, TimeProvider time)
    {
        s_time = time;
        return Peers.GetOrAdd(id, static key => new PeerGauge(((ulong)key).ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The peer left the list or its grain went away: it is no longer reported.</summary>
    public static void Remove(long id) => Peers.TryRemove(id, out _);

    private static IEnumerable<Measurement<int>> ObserveStates()
    {
        foreach (var gauge in Peers.Values)
        {
            yield return new Measurement<int>(1, new("peer", gauge.PeerTag), new("state", StateName(gauge.State)));
        }
    }

    private static IEnumerable<Measurement<double>> ObserveLagSeconds()
    {
        var now = s_time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var gauge in Peers.Values)
        {
            yield return new Measurement<double>(gauge.LagSeconds(now), new KeyValuePair<string, object?>("peer", gauge.PeerTag));
        }
    }

    private static IEnumerable<Measurement<long>> ObserveLagEvents()
    {
        foreach (var gauge in Peers.Values)
        {
            yield return new Measurement<long>(gauge.PendingEvents, new KeyValuePair<string, object?>("peer", gauge.PeerTag));
        }
    }

    private static string StateName(PeerState state) => state switch
    {
        PeerState.Active => "active",
        PeerState.Honeymoon => "honeymoon",
        _ => "disconnected",
    };
}
