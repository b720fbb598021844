using AeorDb.Api.Auth;
using AeorDb.Api.Auth.Access;
using AeorDb.Api.Errors;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Sync;

/// <summary>
/// <c>POST /sync/chunks</c> (CONTRACT §5.3). Plans the answer from object metadata first, so the 512 MiB
/// budget is decided before a byte is sent, then streams it (<see cref="SyncChunksResult"/>).
/// Peers and root get every chunk; a scoped caller without key rules gets the chunks <see cref="ObjectAccess"/>
/// lets it read (a path it may Read refers to them), never SYSTEM-flagged ones; a key with rules gets 403 and
/// must read content through /files. A chunk refused is skipped like an unknown one, so hashes cannot be probed.
/// </summary>
internal sealed class SyncChunkService(IObjectStore store, ObjectAccess access, IOptions<ApiOptions> options)
{
    public const string ScopedKeyMessage = "Scoped API keys (with path rules) cannot use /sync/chunks. Use /files/{path} for path-aware content access.";

    private static readonly SyncChunksRequest EmptyRequest = new(null);

    public async Task<IResult> ChunksAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        var callerClass = SyncCallers.Classify(caller);
        if (callerClass == SyncCallerClass.Scoped && caller.HasRules)
        {
            return ApiErrors.Forbidden(ScopedKeyMessage);
        }

        var request = context.Request;
        var body = await JsonBody.ReadAsync(request, options.Value.JsonBodyLimit, cancellationToken, EmptyRequest, requireContentType: SyncRequests.HasBody(request)).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var hashes = body.Value!.Hashes ?? [];
        if (hashes.Count > options.Value.MaxChunkHashes)
        {
            return ApiErrors.BadRequest($"Too many hashes: {hashes.Count} (at most {options.Value.MaxChunkHashes})");
        }

        var frames = request.GetTypedHeaders().Accept.Any(static a => a.MediaType.Equals(ChunkFrames.MediaType, StringComparison.OrdinalIgnoreCase));
        return await PlanAsync(caller, hashes, includeSystem: callerClass != SyncCallerClass.Scoped, frames, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The chunks to send in request order (as frames when asked for, see <see cref="ChunkFrames"/>), or the 413 once the estimate passes the budget.</summary>
    private async Task<IResult> PlanAsync(Caller caller, IReadOnlyList<string?> hashes, bool includeSystem, bool frames, CancellationToken cancellationToken)
    {
        var budget = options.Value.ChunkResponseBudget;
        var planned = new List<SyncChunksResult.PlannedChunk>(hashes.Count);
        long estimate = 0;
        foreach (var hex in hashes)
        {
            if (hex is null || !SyncRequests.IsHash(hex))
            {
                continue;
            }

            var id = Convert.FromHexString(hex);
            var info = await store.GetInfoAsync(id, cancellationToken).ConfigureAwait(false);
            if (info is null || info.Kind != ObjectKind.Chunk || (info.System && !includeSystem)
                || !await access.MayReadAsync(caller, id, info.Kind, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            // CONTRACT §5.3's estimate (base64 growth, the echoed hash and per-entry JSON overhead), for frames too: one
            // budget whichever form is sent, so a batch that fits one fits the other.
            estimate += (info.Length * 4L / 3) + hex.Length + 64;
            if (estimate > budget)
            {
                return TypedResults.Json(
                    new ChunkBudgetExceeded($"Response would exceed {budget} bytes; split the request into smaller batches", planned.Count),
                    ApiJson.Options,
                    statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            planned.Add(new SyncChunksResult.PlannedChunk(hex, id, info.Length));
        }

        return new SyncChunksResult(planned, frames);
    }
}
