using AeorDb.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.Links;

/// <summary>The /links route family (CONTRACT §4.6).</summary>
internal static class LinksEndpoints
{
    private const string Route = "/{**path}";

    public static IEndpointRouteBuilder MapLinks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(LinkService.Prefix).RequireCaller();
        group.MapPut(Route, PutAsync);
        group.MapGet(Route, GetAsync);
        group.MapDelete(Route, DeleteAsync);
        return routes;
    }

    private static Task<IResult> PutAsync(HttpContext context, LinkService links) => links.PutAsync(context);

    private static Task<IResult> GetAsync(HttpContext context, LinkService links) => links.GetAsync(context);

    private static Task<IResult> DeleteAsync(HttpContext context, LinkService links) => links.DeleteAsync(context);
}
