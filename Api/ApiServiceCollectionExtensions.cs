using AeorDb.Api.Auth;
using AeorDb.Api.Console;
using AeorDb.Api.Events;
using AeorDb.Api.Files;
using AeorDb.Api.Health;
using AeorDb.Api.Observability;
using AeorDb.Api.OpenApi;
using AeorDb.Api.Security;
using AeorDb.Api.Sync;
using AeorDb.Api.SystemRoutes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AeorDb.Api;

/// <summary>Registers the HTTP API's services.</summary>
internal static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddAeorDbApi(this IServiceCollection services, Action<ApiOptions> configure)
    {
        services.AddOptions<ApiOptions>().Configure(configure);
        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddProblemDetails();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StartupPhase>();
        services.AddSecurityServices();
        services.AddAuthServices();
        services.AddFileServices();
        services.AddEventServices();
        services.AddSyncServices();
        services.AddSingleton<ConsoleAssets>();
        services.AddAeorDbHealth();
        services.AddAeorDbOpenApi();
        services.AddOptions<TelemetryOptions>();
        return services;
    }
}
