using System.Text.Json.Nodes;
using AeorDb.Api.Sync;
using AeorDb.Grains.Interfaces.Models;
using Xunit;

namespace AeorDb.Tests.Api.Sync;

/// <summary>CONTRACT §5.6: the exact answer of <c>POST /sync/trigger</c>.</summary>
public sealed class TriggerReportTests
{
    [Fact]
    public void Build_MixedResults_CountsAndListsEachPeer()
    {
        var report = TriggerReport.Build(
        [
            (1UL, new PullResult(true, false, PeerState.Active, 3, 0, null)),
            (2UL, new PullResult(false, false, PeerState.Active, 0, 0, "Peer 2 returned 500: boom")),
            (3UL, new PullResult(false, true, PeerState.Honeymoon, 0, 0, null)),
            (4UL, new PullResult(false, true, PeerState.Disconnected, 0, 0, null)),
            (5UL, new PullResult(true, false, PeerState.Active, 0, 0, null)),
        ], forced: false);

        var expected = JsonNode.Parse("""
            {"peers_synced":2,"peers_failed":1,"peers_skipped":2,
             "results":[
               {"node_id":1,"ok":true,"changes_applied":true,"operations_applied":3,"conflicts_detected":0},
               {"node_id":2,"ok":false,"error":"Peer 2 returned 500: boom"},
               {"node_id":5,"ok":true,"changes_applied":false,"operations_applied":0,"conflicts_detected":0}],
             "skipped":[
               {"node_id":3,"state":"honeymoon","reason":"honeymoon not complete; pass ?force_activate=true to override"},
               {"node_id":4,"state":"disconnected","reason":"honeymoon not complete; pass ?force_activate=true to override"}],
             "forced_active":[]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, report), report.ToJsonString());
    }

    [Fact]
    public void Build_Forced_ListsPeersThatWereNotActive()
    {
        var report = TriggerReport.Build(
        [
            (18_446_744_073_709_551_615UL, new PullResult(true, false, PeerState.Honeymoon, 1, 0, null)),
            (9UL, new PullResult(true, false, PeerState.Active, 0, 0, null)),
        ], forced: true);

        Assert.Equal("[18446744073709551615]", report["forced_active"]!.ToJsonString());
        Assert.Equal(2, report["peers_synced"]!.GetValue<int>());
        Assert.Empty(report["skipped"]!.AsArray());
    }
}
