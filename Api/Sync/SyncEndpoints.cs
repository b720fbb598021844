using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.Sync;

/// <summary>The /sync route family (CONTRACT §5).</summary>
internal static class SyncEndpoints
{
    public static IEndpointRouteBuilder MapSync(this IEndpointRouteBuilder routes) => routes;
}
