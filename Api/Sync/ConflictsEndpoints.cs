using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AeorDb.Api.Sync;

/// <summary>The conflict routes under /sync (CONTRACT §5.7), root only: list, read, resolve (with the original's aliases) and dismiss.</summary>
internal static class ConflictsEndpoints
{
    public static RouteGroupBuilder MapConflicts(this RouteGroupBuilder sync)
    {
        var admin = sync.MapGroup(string.Empty).RequireSyncAdmin();
        admin.MapGet("/conflicts", (ConflictService conflicts) => conflicts.ListAsync());
        admin.MapGet("/conflicts/{**path}", (HttpContext context, ConflictService conflicts) => conflicts.GetAsync(context, "/sync/conflicts"));
        admin.MapPost("/conflicts/{**path}", (HttpContext context, ConflictService conflicts, CancellationToken cancellationToken) =>
            conflicts.ResolveAsync(context, "/sync/conflicts", cancellationToken));
        admin.MapPost("/resolve/{**path}", (HttpContext context, ConflictService conflicts, CancellationToken cancellationToken) =>
            conflicts.ResolveAsync(context, "/sync/resolve", cancellationToken));
        admin.MapPost("/dismiss/{**path}", (HttpContext context, ConflictService conflicts) => conflicts.DismissAsync(context, "/sync/dismiss"));
        return sync;
    }
}
