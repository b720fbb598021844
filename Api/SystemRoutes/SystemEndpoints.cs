using AeorDb.Api.Health;
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

    /// <summary>
    /// Public. Once serving, 200 with the disk-based status, or <c>unhealthy</c> when the store does not take writes
    /// (a storage durability failure, CONTRACT §8); during start-up 200 with the starting body, 500 with the failed body.
    /// </summary>
    private static async Task<Results<JsonHttpResult<HealthBody>, JsonHttpResult<StartupStatusBody>>> GetHealth(StartupPhase phase, StoreProbe store, IOptions<ApiOptions> options)
    {
        var api = options.Value;
        switch (phase.State)
        {
            case StartupState.Serving:
                var status = (await store.CheckAsync().ConfigureAwait(false)).Writable
                    ? DiskUsage.Status(api.DataDirectory, api.DiskDegradedRatio, api.DiskUnhealthyRatio)
                    : "unhealthy";
                return TypedResults.Json(new HealthBody(status, api.Version), ApiJson.Options);
            case StartupState.Failed:
                return TypedResults.Json(phase.Describe(api.Version), ApiJson.Options, statusCode: StatusCodes.Status500InternalServerError);
            default:
                return TypedResults.Json(phase.Describe(api.Version), ApiJson.Options);
        }
    }
}
