using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Observability;

namespace AeorDb.Grains.Peers;

/// <summary>What this peer reports to the metrics: its state, lag and honeymoon (<see cref="PeerGauge"/>), and each pull's outcome.</summary>
internal sealed partial class PeerGrain
{
    private PeerGauge? _gauge;

    private PeerGauge Gauge => _gauge ??= PeerGauges.For(this.GetPrimaryKeyLong(), time);

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    private void ReportConnected() => Gauge.Connected(NowMs);

    private void ReportActive()
    {
        if (Gauge.Activated(NowMs) is { } honeymoon)
        {
            SyncMetrics.HoneymoonEnded(honeymoon);
        }
    }

    private void ReportState() => Gauge.SetState(_state);

    private void ReportChange() => Gauge.ChangeAnnounced(NowMs);

    private void ReportPull(PullResult result, long mark, long startedMs)
    {
        SyncMetrics.Pulled(result.Ok, result.OperationsApplied, result.ConflictsDetected);
        if (result.Ok)
        {
            Gauge.PullSucceeded(mark, startedMs);
        }
    }

    /// <summary>The peer left the list or this activation ends: no longer reported by this silo.</summary>
    private void StopReporting()
    {
        PeerGauges.Remove(this.GetPrimaryKeyLong());
        _gauge = null;
    }
}
