using AeorDb.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.Blobs;

/// <summary>The /blobs route family (CONTRACT §4.7).</summary>
internal static class BlobsEndpoints
{
    public static IEndpointRouteBuilder MapBlobs(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/blobs").RequireCaller();
        group.MapGet("/{hash}", GetAsync);
        return routes;
    }

    private static Task<IResult> GetAsync(string hash, HttpContext context, BlobService blobs) => blobs.GetAsync(context, hash);
}
