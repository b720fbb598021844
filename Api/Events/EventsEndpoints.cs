using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.Events;

/// <summary>The server-sent event streams <c>GET /system/events</c> and <c>GET /sync/events</c> (CONTRACT §6.4).</summary>
internal static class EventsEndpoints
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder routes) => routes;
}
