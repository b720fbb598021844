using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.Auth;

/// <summary>The /auth route family (CONTRACT §3).</summary>
internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder routes) => routes;
}
