using AeorDb.Api.Auth;
using AeorDb.Api.Errors;
using AeorDb.Grains.Interfaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.Admin;

/// <summary>The /admin route family: node maintenance, for the root user only (others 403).</summary>
internal static class AdminEndpoints
{
    public const string RootRequiredMessage = "Root access required";

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin").RequireCaller().AddEndpointFilter(static async (context, next) =>
            context.HttpContext.GetCaller() is { IsRoot: true } or { AuthDisabled: true }
                ? await next(context).ConfigureAwait(false)
                : ApiErrors.Forbidden(RootRequiredMessage));
        admin.MapPost("/gc", CollectAsync);
        return routes;
    }

    /// <summary><c>POST /admin/gc[?dry_run=true]</c>: one garbage collection, or a count of what it would reclaim.</summary>
    private static async Task<Results<Ok<GcResponse>, JsonHttpResult<ErrorBody>>> CollectAsync(HttpRequest request, IGarbageCollector collector, CancellationToken cancellationToken)
    {
        var dryRun = false;
        if (request.Query.TryGetValue("dry_run", out var values) && !bool.TryParse(values.ToString(), out dryRun))
        {
            return ApiErrors.BadRequest($"Invalid dry_run value: {values} (expected true or false)");
        }

        var result = await collector.CollectAsync(dryRun, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(GcResponse.From(result));
    }
}
