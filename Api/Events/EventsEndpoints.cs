using AeorDb.Api.Auth;
using AeorDb.Api.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.Events;

/// <summary>The server-sent event streams <c>GET /system/events</c> and <c>GET /sync/events</c> (CONTRACT §6.4).</summary>
internal static class EventsEndpoints
{
    /// <summary>The 403 of /sync/events for callers that are neither root nor a peer (CONTRACT §5).</summary>
    public const string RootRequiredMessage = "root access required for the sync event stream";

    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder routes)
    {
        // /system/events follows the normal auth rules (?token= included); a sync-scope token is refused there.
        routes.MapGroup("/system").RequireCaller().MapGet("/events", SystemEventsAsync);

        // /sync/events serves the same stream to peer tokens (scope "sync") and root only.
        routes.MapGroup("/sync").RequireCaller().AddEndpointFilter(RequirePeerOrRoot).MapGet("/events", SyncEventsAsync);
        return routes;
    }

    private static Task SystemEventsAsync(HttpContext context, EventStreams streams) => streams.StreamAsync(context, context.GetCaller());

    private static Task SyncEventsAsync(HttpContext context, EventStreams streams) => streams.StreamAsync(context, context.GetCaller());

    /// <summary>Who may open /sync/events: peers (scope "sync" root tokens, or anyone without auth) and root; never a key with rules.</summary>
    public static bool MayUseSyncStream(Caller caller) => caller.IsPeer || caller.IsRoot;

    private static async ValueTask<object?> RequirePeerOrRoot(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        MayUseSyncStream(context.HttpContext.GetCaller()) ? await next(context).ConfigureAwait(false) : ApiErrors.Forbidden(RootRequiredMessage);
}
