using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.Blobs;

/// <summary>The /blobs route family (CONTRACT §4.7).</summary>
internal static class BlobsEndpoints
{
    public static IEndpointRouteBuilder MapBlobs(this IEndpointRouteBuilder routes) => routes;
}
