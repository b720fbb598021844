using AeorDb.Api.Auth.Jwt;
using AeorDb.Api.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.Auth;

/// <summary>How endpoints get the request's <see cref="Caller"/> and require one.</summary>
internal static class CallerExtensions
{
    public const string MissingTokenMessage = "Missing or invalid Authorization header";
    public const string InvalidTokenMessage = "Invalid or expired token";
    public const string SyncScopeMessage = "Token scope 'sync' cannot access this endpoint";

    /// <summary>The authenticated caller. Only valid on routes behind <see cref="RequireCaller"/>.</summary>
    public static Caller GetCaller(this HttpContext context) =>
        context.Items[typeof(Caller)] as Caller ?? throw new InvalidOperationException("No authenticated caller on this request.");

    /// <summary>The caller when one was authenticated, else null (public routes).</summary>
    public static Caller? FindCaller(this HttpContext context) => context.Items[typeof(Caller)] as Caller;

    /// <summary>Requires an authenticated caller on every route of the group (401 in the contract's body otherwise) and applies the sync-scope rule.</summary>
    public static RouteGroupBuilder RequireCaller(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(static async (context, next) => Check(context.HttpContext) ?? await next(context).ConfigureAwait(false));
        return group;
    }

    /// <summary>The 401/403 to answer with, or null when the caller may go on (for groups that cannot use the filter, e.g. streaming handlers).</summary>
    public static IResult? Check(HttpContext context)
    {
        if (context.Items[typeof(Caller)] is not Caller caller)
        {
            return ApiErrors.Unauthorized(context.Items.ContainsKey(JwtBearerSetup.TokenRejectedKey) ? InvalidTokenMessage : MissingTokenMessage);
        }

        if (caller.Scope == Jwt.TokenIssuer.SyncScope && !IsPeerRoute(context.Request.Path))
        {
            return ApiErrors.Forbidden(SyncScopeMessage);
        }

        return null;
    }

    /// <summary>
    /// The only routes a <c>scope:"sync"</c> token may use (CONTRACT §3.1 gap note): the peer protocol's diff,
    /// chunks and event stream. Admin /sync routes (join, peers, trigger, conflicts) need a real root token.
    /// </summary>
    public static bool IsPeerRoute(PathString path) =>
        path.Equals("/sync/diff", StringComparison.Ordinal)
        || path.Equals("/sync/chunks", StringComparison.Ordinal)
        || path.Equals("/sync/events", StringComparison.Ordinal);
}
