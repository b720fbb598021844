using AeorDb.Api.Admin;
using AeorDb.Api.Auth;
using AeorDb.Api.Blobs;
using AeorDb.Api.Console;
using AeorDb.Api.Errors;
using AeorDb.Api.Events;
using AeorDb.Api.Files;
using AeorDb.Api.Health;
using AeorDb.Api.OpenApi;
using AeorDb.Api.Links;
using AeorDb.Api.Security;
using AeorDb.Api.Sync;
using AeorDb.Api.Sync.Identity;
using AeorDb.Api.SystemRoutes;
using Microsoft.AspNetCore.Builder;

namespace AeorDb.Api;

/// <summary>Builds the request pipeline and maps every route family.</summary>
internal static class ApiApplicationExtensions
{
    public static WebApplication UseAeorDbApi(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseApiErrors();
        app.UseStartupGate();
        app.UseAeorDbAuth();
        app.MapSystem();
        app.MapAuth();
        app.MapFiles();
        app.MapLinks();
        app.MapBlobs();
        app.MapEvents();
        app.MapSync();
        app.MapPeerIdentity();
        app.MapNodeInfo();
        app.MapConsole();
        app.MapAdmin();
        app.MapHealth();
        app.MapAeorDbOpenApi();
        return app;
    }
}
