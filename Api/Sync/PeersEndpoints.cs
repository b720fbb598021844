using AeorDb.Api.Auth;
using AeorDb.Api.Errors;
using AeorDb.Api.Security;
using AeorDb.Grains.Interfaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Sync;

/// <summary>The cluster administration routes under /sync (CONTRACT §5.4, §5.5): join, peers and status, root only.</summary>
internal static class PeersEndpoints
{
    public static RouteGroupBuilder MapPeers(this RouteGroupBuilder sync)
    {
        var admin = sync.MapGroup(string.Empty).RequireSyncAdmin();
        admin.MapPost("/join", JoinAsync);
        admin.MapPost("/peers", AddPeerAsync);
        admin.MapGet("/peers", (PeerService peers) => peers.ListAsync());
        admin.MapDelete("/peers/{node_id}", (string node_id, PeerService peers) => peers.RemoveAsync(node_id));
        admin.MapGet("/status", (PeerService peers) => peers.StatusAsync());
        return sync;
    }

    private static Task<IResult> JoinAsync(HttpContext context, JoinService joins, CancellationToken cancellationToken) =>
        joins.JoinAsync(context, cancellationToken);

    private static async Task<IResult> AddPeerAsync(HttpRequest request, PeerService peers, IPathRules rules, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<AddPeerRequest>(request, options.Value.JsonBodyLimit, cancellationToken).ConfigureAwait(false);
        return body.Error
            ?? GlobInput.Check(rules, body.Value!.SyncPaths, options.Value.MaxSyncPaths, "sync_paths")
            ?? await peers.AddAsync(body.Value!).ConfigureAwait(false);
    }
}
