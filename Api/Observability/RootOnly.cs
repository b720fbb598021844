using AeorDb.Api.Auth;
using AeorDb.Api.Auth.Jwt;
using AeorDb.Api.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AeorDb.Api.Observability;

/// <summary>
/// Root-only access to operational routes that are not route handlers (the Prometheus scrape, the dashboard), so
/// endpoint filters cannot guard them: a middleware on their path prefix answers 401/403 in the contract's error
/// shape before the endpoint runs. Root means a root token that is not a peer token; everyone passes when auth is
/// disabled.
/// </summary>
internal static class RootOnly
{
    public const string RootRequiredMessage = "root access required";

    /// <summary>Guards every request under <paramref name="prefix"/>. Register after authentication; endpoints run after it.</summary>
    public static IApplicationBuilder UseRootOnly(this IApplicationBuilder app, PathString prefix, string? basicRealm = null) =>
        app.Use((context, next) =>
            context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)
                ? GuardAsync(context, next, basicRealm)
                : next(context));

    /// <summary>401/403 in the contract's shape, or the endpoint for root. Requests outside the prefix never get here.</summary>
    private static async Task GuardAsync(HttpContext context, RequestDelegate next, string? basicRealm)
    {
        var caller = context.FindCaller();
        if (caller is null)
        {
            if (basicRealm is not null)
            {
                // Lets a browser ask for credentials (any user name, a root JWT as password; see BasicBearer).
                context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{basicRealm}\"";
            }

            var message = context.Items.ContainsKey(JwtBearerSetup.TokenRejectedKey) ? CallerExtensions.InvalidTokenMessage : CallerExtensions.MissingTokenMessage;
            await ApiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, message, ApiErrors.AuthRequiredCode).ConfigureAwait(false);
            return;
        }

        if (!IsRoot(caller))
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status403Forbidden, RootRequiredMessage, ApiErrors.ForbiddenCode).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static bool IsRoot(Caller caller) => caller.AuthDisabled || (caller.IsRoot && caller.Scope != TokenIssuer.SyncScope);
}
