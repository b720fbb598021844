using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.SystemRoutes;

/// <summary>The /system route family (CONTRACT §8).</summary>
internal static class SystemEndpoints
{
    public static IEndpointRouteBuilder MapSystem(this IEndpointRouteBuilder routes) => routes;
}
