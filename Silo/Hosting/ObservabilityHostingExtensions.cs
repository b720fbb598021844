using AeorDb.Api.Health;
using AeorDb.Api.Observability;
using AeorDb.Grains.Observability;
using AeorDb.Silo.CommandLine;
using AeorDb.Silo.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Dashboard;

namespace AeorDb.Silo.Hosting;

/// <summary>
/// Metrics (OpenTelemetry: the AeorDb, ASP.NET Core and Orleans meters, served as Prometheus text), traces (exported
/// over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), health checks, the request log and the dashboard.
/// </summary>
internal static class ObservabilityHostingExtensions
{
    /// <summary>The standard OpenTelemetry variable: where OTLP traces and metrics go; unset = no export.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>
    /// The ASP.NET Core meters exported: requests (<c>http_server_*</c>), connections (<c>kestrel_*</c>), unhandled
    /// exceptions and rate limiting. <c>AddAspNetCoreInstrumentation</c> would also enable the memory-pool meter (updated
    /// on every buffer rent and return), and per-request routing, authentication and authorization meters that repeat
    /// what <c>http_server_request_duration</c> counts: together about 4 % of a small GET's CPU.
    /// </summary>
    private static readonly string[] AspNetCoreMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
    ];

    public static WebApplicationBuilder AddAeorDbObservability(this WebApplicationBuilder builder, NodeOptions options, string version)
    {
        var operations = options.Operations;
        builder.Services.Configure<TelemetryOptions>(telemetry =>
        {
            telemetry.MetricsPublic = operations.MetricsPublic;
            telemetry.RequestLog = operations.RequestLog;
            telemetry.Dashboard = operations.Dashboard;
        });
        builder.Services.Configure<HealthOptions>(health => health.MinFreeDiskBytes = operations.ReadyMinFreeDiskBytes);
        builder.Services.AddOptions<NodeGaugeOptions>();
        builder.Services.AddHostedService<NodeGauges>();

        var health = builder.Services.AddHealthChecks().AddCheck<MembershipHealthCheck>("membership", tags: [HealthTags.Ready]);
        if (options.ScaleOut.Enabled)
        {
            health.AddNpgSql(provider => provider.GetRequiredService<NpgsqlDataSource>(), name: "postgresql", tags: [HealthTags.Ready], timeout: TimeSpan.FromSeconds(5));
        }

        var tracing = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));
        var telemetryBuilder = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("aeordb", serviceVersion: version, serviceInstanceId: options.AdvertiseUrl))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(HttpMetrics.MeterName, "Microsoft.Orleans").AddMeter(AspNetCoreMeters).AddPrometheusExporter();
                if (tracing)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (tracing)
        {
            telemetryBuilder.WithTracing(traces => traces
                .AddSource(GrainMeter.Name)
                .AddSource(OrleansSources)
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context => !IsScrapeOrProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }

        builder.UseOrleans(silo =>
        {
            if (tracing)
            {
                // Grain calls carry the caller's trace context and get spans of their own.
                silo.AddActivityPropagation();
            }

            if (operations.Dashboard)
            {
                silo.AddDashboard();
            }
        });
        return builder;
    }

    private static bool IsScrapeOrProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health") || path.StartsWithSegments("/system/health");
}
