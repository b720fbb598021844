using AeorDb.Api.Auth;
using AeorDb.Api.Sync;
using AeorDb.Api.SystemRoutes;
using AeorDb.Grains.Interfaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Console;

/// <summary>
/// <c>GET /system/node</c> (root only, additive to the contract): node id, version, uptime and storage use,
/// the figures the console and <c>aeordb status</c> show that no contract route carries.
/// </summary>
internal static class NodeInfoEndpoints
{
    public static IEndpointRouteBuilder MapNodeInfo(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/system").RequireCaller().RequireSyncAdmin().MapGet("/node", GetAsync);
        return routes;
    }

    private static async Task<JsonHttpResult<NodeInfoBody>> GetAsync(
        IGrainFactory grains, StartupPhase phase, TimeProvider time, IOptions<ApiOptions> options)
    {
        var api = options.Value;
        var nodeId = await grains.GetGrain<IClusterGrain>(0).GetNodeIdAsync().ConfigureAwait(false);
        var started = phase.StartedAt;
        var body = new NodeInfoBody(
            nodeId == 0 ? null : nodeId,
            api.Version,
            started.ToUnixTimeMilliseconds(),
            (long)(time.GetUtcNow() - started).TotalMilliseconds,
            Storage(api));
        return TypedResults.Json(body, ApiJson.Options);
    }

    private static NodeStorageBody Storage(ApiOptions api)
    {
        long total = 0, available = 0;
        try
        {
            var drive = new DriveInfo(Path.GetFullPath(api.DataDirectory));
            (total, available) = (drive.TotalSize, drive.AvailableFreeSpace);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // An unreadable disk reports zeros, as /system/health's ratio does.
        }

        var databaseBytes = api.DatabasePath is { } path ? FileBytes(path) + FileBytes(path + "-wal") + FileBytes(path + "-shm") : (long?)null;
        return new NodeStorageBody(
            api.DatabasePath is null ? "postgres" : "sqlite", databaseBytes, total, available, DiskUsage.UsedRatio(api.DataDirectory));
    }

    private static long FileBytes(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }
}
