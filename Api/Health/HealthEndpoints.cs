using AeorDb.Api.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AeorDb.Api.Health;

/// <summary>
/// <c>GET /health/live</c> and <c>GET /health/ready</c> (public, like <c>/system/health</c>; load balancers and
/// orchestrators probe without credentials). Both answer during start-up: live says 200 as soon as HTTP is served,
/// ready says 503 until start-up completes and while any ready check is unhealthy. Degraded is still ready (200).
/// </summary>
internal static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks(LivePath, Options(HealthTags.Live)).AllowAnonymous()
            .Documented("GET", "Liveness: 200 while the process serves HTTP; the body lists the checks", "public");
        routes.MapHealthChecks(ReadyPath, Options(HealthTags.Ready)).AllowAnonymous()
            .Documented("GET", "Readiness: 503 until started and while the store, disk, membership or PostgreSQL check fails; the body lists each check", "public");
        return routes;
    }

    private static HealthCheckOptions Options(string tag) => new()
    {
        Predicate = registration => registration.Tags.Contains(tag),
        ResponseWriter = HealthJson.WriteAsync,
        AllowCachingResponses = false,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };
}
