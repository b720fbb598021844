using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AeorDb.Api.Observability;

/// <summary>
/// A browser cannot attach a Bearer token to the dashboard's page loads and polls, but it can repeat Basic
/// credentials. Under one path prefix, <c>Authorization: Basic base64(user:jwt)</c> is rewritten to
/// <c>Bearer jwt</c> before authentication runs, so the token is validated exactly as everywhere else (the user
/// name is ignored; an API key is not accepted here, only a JWT from <c>POST /auth/token</c>).
/// </summary>
internal static class BasicBearer
{
    public static IApplicationBuilder UseBasicAsBearer(this IApplicationBuilder app, PathString prefix) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)
                && TryReadPassword(context.Request.Headers.Authorization.ToString()) is { } token)
            {
                context.Request.Headers.Authorization = "Bearer " + token;
            }

            return next(context);
        });

    private static string? TryReadPassword(string header)
    {
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length > 16 * 1024)
        {
            return null;
        }

        var encoded = header.AsSpan(scheme.Length).Trim();
        var buffer = new byte[((encoded.Length + 3) / 4) * 3];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, written);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 || colon == text.Length - 1 ? null : text[(colon + 1)..];
    }
}
