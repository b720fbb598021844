using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.Links;

/// <summary>The /links route family (CONTRACT §4.6).</summary>
internal static class LinksEndpoints
{
    public static IEndpointRouteBuilder MapLinks(this IEndpointRouteBuilder routes) => routes;
}
