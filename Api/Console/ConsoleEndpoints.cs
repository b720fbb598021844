using AeorDb.Api.Errors;
using AeorDb.Api.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace AeorDb.Api.Console;

/// <summary>
/// The web console at <c>/console</c>: static files only, public (they hold no data; the page logs in with an
/// API key through <c>POST /auth/token</c> and calls the same HTTP API as any client). Every answer carries the
/// console's own strict CSP, so the console runs no inline script and talks to this origin only.
/// </summary>
internal static class ConsoleEndpoints
{
    public const string Path = "/console";

    /// <summary>
    /// Scripts, styles, images and fetches from this origin only; no plugins, no framing, no foreign
    /// <c>&lt;base&gt;</c> or form target. Downloads (blob: links) are navigations, which the CSP does not govern.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder routes)
    {
        // Static files, not API: the generator leaves them out; one documented entry names the route.
        var group = routes.MapGroup(Path).AllowAnonymous().ExcludeFromDescription()
            .Documented("GET", "The web console: its page and the assets built into the binary", "public", "text/html");
        group.MapGet("/{file?}", Serve);
        return routes;
    }

    private static Results<FileContentHttpResult, RedirectHttpResult, StatusCodeHttpResult, JsonHttpResult<ErrorBody>> Serve(
        string? file, HttpContext context, ConsoleAssets assets)
    {
        AddHeaders(context.Response);
        if (file is null && !context.Request.Path.Value!.EndsWith('/'))
        {
            // The page's relative links (console.css, console.js) resolve under /console/ only. A relative
            // Location keeps any path prefix a proxy serves the node under.
            return TypedResults.Redirect("console/");
        }

        if (assets.Find(file ?? "index.html") is not { } asset)
        {
            return ApiErrors.NotFound($"Not found: console/{file}");
        }

        if (context.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        // Revalidated on every load (ETag), so a node upgrade never leaves an old script talking to a new API.
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.ETag = asset.ETag;
        return TypedResults.Bytes(asset.Bytes, asset.ContentType);
    }

    private static void AddHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers[HeaderNames.XFrameOptions] = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
