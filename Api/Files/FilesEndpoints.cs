using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.Files;

/// <summary>The /files route family (CONTRACT §4.1–§4.5).</summary>
internal static class FilesEndpoints
{
    public static IEndpointRouteBuilder MapFiles(this IEndpointRouteBuilder routes) => routes;
}
