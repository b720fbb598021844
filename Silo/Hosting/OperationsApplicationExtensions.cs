using AeorDb.Api;
using AeorDb.Api.Observability;
using AeorDb.Api.OpenApi;
using AeorDb.Silo.CommandLine;
using Microsoft.AspNetCore.Builder;
using Orleans.Dashboard;

namespace AeorDb.Silo.Hosting;

/// <summary>
/// The pipeline around the Api: request metrics and log outermost, then the Api (errors, start-up gate,
/// authentication, routes), then the root-only operational routes that are not route handlers: <c>/metrics</c>
/// (open with <c>--metrics-public</c>) and the dashboard (with <c>--dashboard</c>).
/// </summary>
internal static class OperationsApplicationExtensions
{
    private const string DashboardPath = "/dashboard";
    private const string MetricsPath = "/metrics";

    public static WebApplication UseAeorDbWithOperations(this WebApplication app, NodeOptions options)
    {
        var operations = options.Operations;
        app.UseAeorDbRequestTelemetry();
        if (operations.Dashboard)
        {
            // Before authentication: a browser's Basic credentials become the Bearer token they carry.
            app.UseBasicAsBearer(DashboardPath);
        }

        app.UseAeorDbApi();
        if (!operations.MetricsPublic)
        {
            app.UseRootOnly(MetricsPath);
        }

        app.MapPrometheusScrapingEndpoint(MetricsPath)
            .Documented("GET", "Prometheus text of the AeorDb, ASP.NET Core and Orleans meters", operations.MetricsPublic ? "public" : "root", "text/plain");

        if (operations.Dashboard)
        {
            app.UseRootOnly(DashboardPath, basicRealm: "aeordb dashboard");
            app.MapOrleansDashboard(DashboardPath).DocumentedEach("Orleans Dashboard (its page, assets and the JSON its page polls)", "root", "application/json");
        }

        return app;
    }
}
