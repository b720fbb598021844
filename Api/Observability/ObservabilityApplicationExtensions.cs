using Microsoft.AspNetCore.Builder;

namespace AeorDb.Api.Observability;

/// <summary>Adds request metrics and the optional request log to the pipeline; call before the Api so it sees every answer.</summary>
internal static class ObservabilityApplicationExtensions
{
    public static IApplicationBuilder UseAeorDbRequestTelemetry(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestTelemetryMiddleware>();
}
