using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.SystemRoutes;

/// <summary>
/// Until start-up completes, every route except GET /system/health answers 503 with the starting body, or
/// 500 with the failed body once start-up has failed (CONTRACT §8). After that the gate is one volatile read.
/// </summary>
internal static class StartupGateExtensions
{
    public static IApplicationBuilder UseStartupGate(this IApplicationBuilder app)
    {
        var phase = app.ApplicationServices.GetRequiredService<StartupPhase>();
        var version = app.ApplicationServices.GetRequiredService<IOptions<ApiOptions>>().Value.Version;
        return app.Use((context, next) =>
            phase.State == StartupState.Serving || IsHealth(context.Request) ? next(context) : RefuseAsync(context, phase, version));
    }

    /// <summary>The starting (503) or failed (500) answer; a pass-through request never allocates this state machine.</summary>
    private static async Task RefuseAsync(HttpContext context, StartupPhase phase, string version)
    {
        context.Response.StatusCode = phase.State == StartupState.Failed ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, phase.Describe(version), ApiJson.Options, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>The health routes answer during start-up: /system/health with the starting body, /health/live and /health/ready with their checks.</summary>
    private static bool IsHealth(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && (request.Path.Equals("/system/health", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals(Health.HealthEndpoints.LivePath, StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals(Health.HealthEndpoints.ReadyPath, StringComparison.OrdinalIgnoreCase));
}
