using AeorDb.Api.Errors;
using AeorDb.Api.Sync.Identity;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Sync;

/// <summary>The peer list and status routes (CONTRACT §5.5) over the <see cref="IClusterGrain"/>.</summary>
internal sealed class PeerService(IGrainFactory grains, IOptions<ApiOptions> options)
{
    /// <summary>A peer's state when added: it connects afterwards (CONTRACT §5.5).</summary>
    private const string DisconnectedState = "disconnected";

    private IClusterGrain Cluster => grains.GetGrain<IClusterGrain>(0);

    public async Task<IResult> AddAsync(AddPeerRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Address))
        {
            return ApiErrors.BadRequest("Missing required field 'address'");
        }

        if (PeerAddressPolicy.Problem(request.Address, options.Value.AllowInsecurePeers) is { } problem)
        {
            return ApiErrors.BadRequest($"Invalid 'address': {problem}");
        }

        var peer = await Cluster.AddOrReplacePeerAsync(request.Address, request.Label, request.SyncPaths ?? Array.Empty<string>()).ConfigureAwait(false);
        await grains.GetGrain<IPeerGrain>((long)peer.NodeId).StartAsync(peer).ConfigureAwait(false);
        return TypedResults.Json(new PeerCreatedBody(peer.NodeId, peer.Address, peer.Label, DisconnectedState), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> ListAsync()
    {
        var peers = await Cluster.GetPeersAsync().ConfigureAwait(false);
        return TypedResults.Json(new PeerListBody(await ToBodiesAsync(peers).ConfigureAwait(false)), ApiJson.Options);
    }

    public async Task<IResult> RemoveAsync(string nodeId)
    {
        if (!ulong.TryParse(nodeId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return ApiErrors.BadRequest($"Invalid node_id: {nodeId}");
        }

        if (!await Cluster.RemovePeerAsync(id).ConfigureAwait(false))
        {
            return ApiErrors.NotFound($"Peer not found: {id}");
        }

        await grains.GetGrain<IPeerGrain>((long)id).StopAsync().ConfigureAwait(false);
        return TypedResults.Json(new PeerRemovedBody(true, id), ApiJson.Options);
    }

    public async Task<IResult> StatusAsync()
    {
        var cluster = Cluster;
        var nodeId = await cluster.GetNodeIdAsync().ConfigureAwait(false);
        var peers = await cluster.GetPeersAsync().ConfigureAwait(false);
        return TypedResults.Json(new SyncStatusBody(nodeId, peers.Count, await ToBodiesAsync(peers).ConfigureAwait(false)), ApiJson.Options);
    }

    /// <summary>The <c>&lt;peer&gt;</c> bodies: the persisted record with each peer grain's live state and counters.</summary>
    private async Task<PeerBody[]> ToBodiesAsync(IReadOnlyList<PeerRecord> peers)
    {
        var statuses = await Task.WhenAll(peers.Select(p => grains.GetGrain<IPeerGrain>((long)p.NodeId).GetStatusAsync())).ConfigureAwait(false);
        return [.. peers.Select((p, i) => ToBody(p, statuses[i]))];
    }

    private static PeerBody ToBody(PeerRecord peer, PeerStatus status) =>
        new(peer.NodeId, peer.Address, peer.Label, StateWord(status.State), status.LastSyncAt, new PeerSyncStatusBody(
            status.LastSuccessAt, status.LastAttemptAt, status.LastError, status.ConsecutiveFailures, status.TotalSyncs, status.TotalFailures, status.NextAttemptAt));

    /// <summary>The JSON word of a state (CONTRACT §6.2).</summary>
    public static string StateWord(PeerState state) => state switch
    {
        PeerState.Honeymoon => "honeymoon",
        PeerState.Active => "active",
        _ => DisconnectedState,
    };
}
