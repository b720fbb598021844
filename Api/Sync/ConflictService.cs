using AeorDb.Api.Errors;
using AeorDb.Api.Files;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Sync;

/// <summary>The conflict routes of CONTRACT §5.7 over the node's <see cref="IConflictGrain"/>.</summary>
internal sealed class ConflictService(IGrainFactory grains, IPathRules paths, IOptions<ApiOptions> options)
{
    private static readonly ResolveRequest NoPick = new(null);

    private IConflictGrain Registry => grains.GetGrain<IConflictGrain>(0);

    public async Task<IResult> ListAsync()
    {
        var records = await Registry.ListAsync().ConfigureAwait(false);
        return TypedResults.Json(new ConflictListBody([.. records.Select(ToBody)]), ApiJson.Options);
    }

    public async Task<IResult> GetAsync(HttpContext context, string prefix)
    {
        var path = PathOf(context, prefix);
        return await Registry.GetAsync(path).ConfigureAwait(false) is { } record
            ? TypedResults.Json(ToBody(record), ApiJson.Options)
            : NotFound(path);
    }

    /// <summary>Resolves with the body's pick; no body, <c>{}</c> or a null pick mean the auto-winner.</summary>
    public async Task<IResult> ResolveAsync(HttpContext context, string prefix, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var body = await JsonBody.ReadAsync(request, options.Value.JsonBodyLimit, cancellationToken, NoPick, requireContentType: false).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var pick = body.Value?.Pick ?? "winner";
        if (pick is not ("winner" or "loser"))
        {
            return ApiErrors.BadRequest($"Invalid pick: {pick} (expected \"winner\" or \"loser\")");
        }

        var path = PathOf(context, prefix);
        return await Registry.ResolveAsync(path, pick == "loser").ConfigureAwait(false)
            ? TypedResults.Json(new ResolvedBody(true, path, pick), ApiJson.Options)
            : NotFound(path);
    }

    public async Task<IResult> DismissAsync(HttpContext context, string prefix)
    {
        var path = PathOf(context, prefix);
        return await Registry.DismissAsync(path).ConfigureAwait(false)
            ? TypedResults.Json(new DismissedBody(true, path), ApiJson.Options)
            : NotFound(path);
    }

    private static IResult NotFound(string path) => ApiErrors.NotFound($"No conflict found for path: {path}");

    private string PathOf(HttpContext context, string prefix)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var (capture, _) = PathCapture.Decode(rawTarget, prefix, context.Request.RouteValues["path"] as string);
        return paths.Canonicalize(capture);
    }

    private static ConflictBody ToBody(ConflictRecord record) =>
        new(record.Path, record.ConflictType, record.AutoWinner, record.CreatedAt, ToBody(record.Winner), ToBody(record.Loser));

    private static ConflictSideBody ToBody(ConflictSide side) => new(side.Hash, side.VirtualTime, side.NodeId, side.Size, side.ContentType);
}
