using System.Text.Json.Nodes;
using AeorDb.Api.Auth;
using AeorDb.Api.Errors;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.Sync;

/// <summary><c>POST /sync/trigger[?force_activate=true]</c> (CONTRACT §5.6): pulls from every peer now, concurrently; root only, no body.</summary>
internal static class TriggerEndpoints
{
    public static RouteGroupBuilder MapTrigger(this RouteGroupBuilder sync)
    {
        sync.MapPost("/trigger", TriggerAsync).RequireSyncAdmin();
        return sync;
    }

    private static async Task<IResult> TriggerAsync(HttpRequest request, IGrainFactory grains)
    {
        var force = string.Equals(request.Query["force_activate"], "true", StringComparison.OrdinalIgnoreCase);
        var peers = await grains.GetGrain<IClusterGrain>(0).GetPeersAsync().ConfigureAwait(false);
        var results = await Task.WhenAll(peers.Select(async peer =>
        {
            try
            {
                return (peer.NodeId, await grains.GetGrain<IPeerGrain>((long)peer.NodeId).TriggerAsync(force).ConfigureAwait(false));
            }
            catch (Exception e)
            {
                // One failing peer must not hide the others' results.
                return (peer.NodeId, new PullResult(false, false, PeerState.Disconnected, 0, 0, e.Message));
            }
        })).ConfigureAwait(false);
        return Results.Text(TriggerReport.Build(results, force).ToJsonString(), "application/json");
    }
}

/// <summary>Builds the exact §5.6 answer from the per-peer pull results.</summary>
internal static class TriggerReport
{
    /// <summary>The reason given for every skipped peer.</summary>
    public const string SkipReason = "honeymoon not complete; pass ?force_activate=true to override";

    /// <summary>
    /// The §5.6 JSON. A skipped result lists the peer under <c>skipped</c> with its state word; a result whose
    /// peer was not active when asked, under <paramref name="forced"/>, lists it under <c>forced_active</c>.
    /// </summary>
    public static JsonObject Build(IReadOnlyList<(ulong NodeId, PullResult Result)> results, bool forced)
    {
        var synced = 0;
        var failed = 0;
        var skippedCount = 0;
        var entries = new JsonArray();
        var skipped = new JsonArray();
        var forcedActive = new JsonArray();
        foreach (var (nodeId, result) in results)
        {
            if (result.Skipped)
            {
                skippedCount++;
                skipped.Add(new JsonObject
                {
                    ["node_id"] = nodeId,
                    ["state"] = result.State == PeerState.Honeymoon ? "honeymoon" : "disconnected",
                    ["reason"] = SkipReason,
                });
                continue;
            }

            if (forced && result.State != PeerState.Active)
            {
                forcedActive.Add(nodeId);
            }

            if (result.Ok)
            {
                synced++;
                entries.Add(new JsonObject
                {
                    ["node_id"] = nodeId,
                    ["ok"] = true,
                    ["changes_applied"] = result.OperationsApplied > 0,
                    ["operations_applied"] = result.OperationsApplied,
                    ["conflicts_detected"] = result.ConflictsDetected,
                });
            }
            else
            {
                failed++;
                entries.Add(new JsonObject
                {
                    ["node_id"] = nodeId,
                    ["ok"] = false,
                    ["error"] = result.Error ?? "sync failed",
                });
            }
        }

        return new JsonObject
        {
            ["peers_synced"] = synced,
            ["peers_failed"] = failed,
            ["peers_skipped"] = skippedCount,
            ["results"] = entries,
            ["skipped"] = skipped,
            ["forced_active"] = forcedActive,
        };
    }
}
