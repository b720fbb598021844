using AeorDb.Api.Errors;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;

namespace AeorDb.Api.Sync;

/// <summary>The peer list and status routes (CONTRACT §5.5) over the <see cref="IClusterGrain"/>.</summary>
internal sealed class PeerService(IGrainFactory grains)
{
    /// <summary>
    /// Runtime state of every peer. Until the per-peer connection (heartbeats, honeymoon, sync loops) exists,
    /// nothing connects to a peer, so every peer is reported <c>disconnected</c> with empty counters.
    /// </summary>
    private const string DisconnectedState = "disconnected";

    private IClusterGrain Cluster => grains.GetGrain<IClusterGrain>(0);

    public async Task<IResult> AddAsync(AddPeerRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Address))
        {
            return ApiErrors.BadRequest("Missing required field 'address'");
        }

        if (!IsHttpUrl(request.Address))
        {
            return ApiErrors.BadRequest($"'address' must be an http:// or https:// base URL: {request.Address}");
        }

        var peer = await Cluster.AddOrReplacePeerAsync(request.Address, request.Label, request.SyncPaths ?? Array.Empty<string>()).ConfigureAwait(false);
        return TypedResults.Json(new PeerCreatedBody(peer.NodeId, peer.Address, peer.Label, DisconnectedState), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> ListAsync()
    {
        var peers = await Cluster.GetPeersAsync().ConfigureAwait(false);
        return TypedResults.Json(new PeerListBody([.. peers.Select(ToBody)]), ApiJson.Options);
    }

    public async Task<IResult> RemoveAsync(string nodeId)
    {
        if (!ulong.TryParse(nodeId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return ApiErrors.BadRequest($"Invalid node_id: {nodeId}");
        }

        return await Cluster.RemovePeerAsync(id).ConfigureAwait(false)
            ? TypedResults.Json(new PeerRemovedBody(true, id), ApiJson.Options)
            : ApiErrors.NotFound($"Peer not found: {id}");
    }

    public async Task<IResult> StatusAsync()
    {
        var cluster = Cluster;
        var nodeId = await cluster.GetNodeIdAsync().ConfigureAwait(false);
        var peers = await cluster.GetPeersAsync().ConfigureAwait(false);
        return TypedResults.Json(new SyncStatusBody(nodeId, peers.Count, [.. peers.Select(ToBody)]), ApiJson.Options);
    }

    /// <summary>True for an absolute http(s) URL.</summary>
    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static PeerBody ToBody(PeerRecord peer) =>
        new(peer.NodeId, peer.Address, peer.Label, DisconnectedState, null, PeerSyncStatusBody.None);
}
