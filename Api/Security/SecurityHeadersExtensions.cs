using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AeorDb.Api.Security;

/// <summary>
/// The one place response security headers are set (SECURITY.md "Stored content"):
/// <list type="bullet">
/// <item><c>X-Content-Type-Options: nosniff</c> on every response, so a browser never second-guesses a type;</item>
/// <item><c>Content-Security-Policy: sandbox; default-src 'none'</c> on the route families that serve user bytes
/// (<c>/files</c>, <c>/blobs</c>, <c>/links</c>): an uploaded HTML or SVG page opens in an opaque origin with no
/// script, no plugins, no forms and no subresource loads, so it can neither run in the API origin nor read the
/// <c>?token=</c> JWT from its own URL. Other paths (the operator console under <c>/console</c>, the API's own
/// JSON) set their own policy or need none.</item>
/// </list>
/// The headers are added when the response starts, so error bodies written by the exception handler (which clears
/// headers) and the status-code answers carry them too.
/// </summary>
internal static class SecurityHeadersExtensions
{
    /// <summary>The policy on user content: a sandbox with no script and nothing loaded.</summary>
    public const string UserContentPolicy = "sandbox; default-src 'none'";

    /// <summary>First path segments (case-insensitive, as routing is) of the route families that serve stored bytes.</summary>
    private static readonly string[] _userContentFamilies = ["files", "blobs", "links"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                Apply((HttpContext)state);
                return Task.CompletedTask;
            }, context);
            return next(context);
        });

    /// <summary>Sets the headers of <paramref name="context"/>'s response by its request path.</summary>
    internal static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (IsUserContent(context.Request.Path))
        {
            headers.ContentSecurityPolicy = UserContentPolicy;
        }
    }

    /// <summary>True when the first non-empty segment names a user-content family (<c>//FILES/x</c> included).</summary>
    internal static bool IsUserContent(PathString path)
    {
        var text = (path.Value ?? string.Empty).AsSpan().TrimStart('/');
        var end = text.IndexOf('/');
        var first = end < 0 ? text : text[..end];
        foreach (var family in _userContentFamilies)
        {
            if (first.Equals(family, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
