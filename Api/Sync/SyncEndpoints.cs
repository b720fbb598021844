using AeorDb.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.Sync;

/// <summary>The /sync route family (CONTRACT §5): the diff and chunk routes through which peers and clients replicate, and the cluster administration routes.</summary>
internal static class SyncEndpoints
{
    public static IEndpointRouteBuilder MapSync(this IEndpointRouteBuilder routes)
    {
        // Bearer header only (CONTRACT §1.1): authentication ignores ?token= on these two paths.
        var group = routes.MapGroup("/sync").RequireCaller();
        group.MapPost("/diff", DiffAsync);
        group.MapPost("/chunks", ChunksAsync);
        group.MapPeers();
        group.MapTrigger();
        group.MapConflicts();
        return routes;
    }

    private static Task<IResult> DiffAsync(HttpContext context, SyncDiffService diffs, CancellationToken cancellationToken) =>
        diffs.DiffAsync(context, cancellationToken);

    private static Task<IResult> ChunksAsync(HttpContext context, SyncChunkService chunks, CancellationToken cancellationToken) =>
        chunks.ChunksAsync(context, cancellationToken);
}
