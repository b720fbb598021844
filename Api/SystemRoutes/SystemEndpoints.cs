using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.SystemRoutes;

/// <summary>The /system route family (CONTRACT §8).</summary>
internal static class SystemEndpoints
{
    public static IEndpointRouteBuilder MapSystem(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/system");
        group.MapGet("/health", GetHealth).AllowAnonymous();
        return routes;
    }

    /// <summary>Public. 200 with the disk-based status once serving; during start-up 200 with the starting body, 500 with the failed body.</summary>
    private static Results<JsonHttpResult<HealthBody>, JsonHttpResult<StartupStatusBody>> GetHealth(StartupPhase phase, IOptions<ApiOptions> options)
    {
        var api = options.Value;
        return phase.State switch
        {
            StartupState.Serving => TypedResults.Json(
                new HealthBody(DiskUsage.Status(api.DataDirectory, api.DiskDegradedRatio, api.DiskUnhealthyRatio), api.Version),
                ApiJson.Options),
            StartupState.Failed => TypedResults.Json(phase.Describe(api.Version), ApiJson.Options, statusCode: StatusCodes.Status500InternalServerError),
            _ => TypedResults.Json(phase.Describe(api.Version), ApiJson.Options),
        };
    }
}
