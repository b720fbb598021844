using AeorDb.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.Files;

/// <summary>The /files route family (CONTRACT §4.1–§4.5). The catch-all also matches <c>/files</c> and <c>/files/</c> (the root).</summary>
internal static class FilesEndpoints
{
    private const string Route = "/{**path}";

    public static IEndpointRouteBuilder MapFiles(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(FileReads.Prefix).RequireCaller();
        group.MapPut(Route, PutAsync);
        group.MapGet(Route, GetAsync);
        group.MapMethods(Route, [HttpMethods.Head], HeadAsync);
        group.MapDelete(Route, DeleteAsync);
        group.MapPatch(Route, PatchAsync);
        return routes;
    }

    private static Task<IResult> PutAsync(HttpContext context, FileWrites writes) => writes.PutAsync(context);

    private static Task<IResult> GetAsync(HttpContext context, FileReads reads) => reads.GetAsync(context);

    private static Task<IResult> HeadAsync(HttpContext context, FileReads reads) => reads.HeadAsync(context);

    private static Task<IResult> DeleteAsync(HttpContext context, FileWrites writes) => writes.DeleteAsync(context);

    private static Task<IResult> PatchAsync(HttpContext context, FileWrites writes) => writes.PatchAsync(context);
}
