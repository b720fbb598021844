using System.Text.Json;
using System.Text.Json.Nodes;
using AeorDb.Api.Auth;
using AeorDb.Api.Errors;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;

namespace AeorDb.Api.Files;

/// <summary>PATCH: rename and JSON merge patch (CONTRACT §4.5).</summary>
internal sealed partial class FileWrites
{
    private async Task<IResult> RenameAsync(HttpContext context)
    {
        var request = FileRequest.From(context, rules, FileReads.Prefix);
        var body = await JsonBody.ReadAsync<RenameRequest>(context.Request, Options.RenameBodyLimit, context.RequestAborted, requireContentType: false).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        if (await RefuseRenameAsync(context, request, body.Value!.To).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var to = rules.Canonicalize(body.Value.To!);
        var result = await grains.GetGrain<IFileGrain>(request.Path).RenameAsync(to).ConfigureAwait(false);
        if (result.Status != CommitStatus.Ok)
        {
            return result.Status == CommitStatus.PathConflict
                ? ApiErrors.Result(StatusCodes.Status409Conflict, $"Already exists: {to}", ApiErrors.AlreadyExistsCode)
                : WriteErrors.From(result, context, request);
        }

        if (result.Entry is { } moved)
        {
            events.Renamed(context.GetCaller(), request.Path, moved);
        }

        var kind = result.Entry?.Kind == EntryKind.Symlink ? "symlink" : "file";
        return TypedResults.Json(new Renamed(request.Path, to, kind), ApiJson.Options);
    }

    /// <summary>400 for a missing, same or root destination; 404 for hidden paths; access: a DELETE of the source and a PUT at the destination.</summary>
    private async Task<IResult?> RefuseRenameAsync(HttpContext context, FileRequest request, string? rawTo)
    {
        if (string.IsNullOrWhiteSpace(rawTo))
        {
            return ApiErrors.BadRequest("Request must include non-empty 'to' field. Rename requires {\"to\": \"/new/path\"}");
        }

        var to = rules.Canonicalize(rawTo);
        if (request.Path == "/" || to == "/")
        {
            return ApiErrors.BadRequest("Cannot rename root path");
        }

        if (rules.IsHidden(request.Path) || rules.IsHidden(to))
        {
            return PathAccess.NotFound(context, request);
        }

        if (to == request.Path)
        {
            return ApiErrors.BadRequest("Source and destination paths are the same");
        }

        var destinationExists = await lookup.GetAsync(to, null).ConfigureAwait(false) is not null;
        return await access.CheckWriteAsync(context, request, FileOperations.Rename(request.Path, to, destinationExists)).ConfigureAwait(false);
    }

    private async Task<IResult> MergePatchAsync(HttpContext context)
    {
        var request = FileRequest.From(context, rules, FileReads.Prefix);
        if (request.Path == "/")
        {
            return ApiErrors.BadRequest(RootMessage);
        }

        if (rules.IsHidden(request.Path))
        {
            return PathAccess.NotFound(context, request);
        }

        int? depth = null;
        var depthText = context.Request.Query["depth"].ToString();
        if (depthText.Length > 0)
        {
            if (!int.TryParse(depthText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                return ApiErrors.BadRequest("Invalid 'depth': expected an integer");
            }

            depth = parsed;
        }

        // A merge patch is a PUT of the merged document: create or update, configure or deploy for the special names.
        var exists = await lookup.GetAsync(request.Path, null).ConfigureAwait(false) is not null;
        if (await access.CheckWriteAsync(context, request, FileOperations.Put(request.Path, exists)).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var patch = await ReadPatchAsync(context).ConfigureAwait(false);
        if (patch.Error is not null)
        {
            return patch.Error;
        }

        var (stored, existed, storedError) = await ReadStoredJsonAsync(request).ConfigureAwait(false);
        if (storedError is not null)
        {
            return storedError;
        }

        var merged = JsonMergePatch.Apply(stored, patch.Value, depth);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(merged);
        var result = await content.WriteBytesAsync(request.Path, bytes, "application/json", context.RequestAborted).ConfigureAwait(false);
        if (result is not { Status: CommitStatus.Ok, Entry: { } entry })
        {
            return WriteErrors.From(result, context, request);
        }

        events.Created(context.GetCaller(), entry, Blake3.Hasher.Hash(bytes).ToString());
        return TypedResults.Json(FileWritten.From(entry), ApiJson.Options, statusCode: existed ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    private async Task<(JsonNode? Value, IResult? Error)> ReadPatchAsync(HttpContext context)
    {
        var limit = Options.MergePatchBodyLimit;
        var bytes = await BoundedBody.ReadAsync(context.Request, limit, context.RequestAborted).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, ApiErrors.Result(StatusCodes.Status413PayloadTooLarge, $"Patch body exceeds {limit} bytes", ApiErrors.PayloadTooLargeCode));
        }

        try
        {
            return (JsonNode.Parse(bytes), null);
        }
        catch (JsonException exception)
        {
            return (null, ApiErrors.Result(StatusCodes.Status415UnsupportedMediaType, $"Patch body is not valid JSON: {exception.Message}", ApiErrors.InvalidInputCode));
        }
    }

    /// <summary>The stored document: an empty object when absent (or empty); 415 when not JSON, 413 past the merge cap, 409 when not a file.</summary>
    private async Task<(JsonNode? Value, bool Existed, IResult? Error)> ReadStoredJsonAsync(FileRequest request)
    {
        var entry = await lookup.GetAsync(request.Path, null).ConfigureAwait(false);
        if (entry is null)
        {
            return (new JsonObject(), false, null);
        }

        if (entry.Kind != EntryKind.File)
        {
            return (null, true, ApiErrors.Result(StatusCodes.Status409Conflict, $"Path conflict at '{request.Path}': not a file", ApiErrors.ConflictCode));
        }

        if (entry.Size > Options.MergePatchBodyLimit)
        {
            return (null, true, ApiErrors.Result(StatusCodes.Status413PayloadTooLarge, $"stored file at {request.Path} is {entry.Size} bytes, exceeds {Options.MergePatchBodyLimit} byte merge cap", ApiErrors.PayloadTooLargeCode));
        }

        var version = await store.GetFileVersionAsync(entry.Hash).ConfigureAwait(false);
        var bytes = version is null ? [] : await reader.ReadAllAsync(version, CancellationToken.None).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            return (new JsonObject(), true, null);
        }

        try
        {
            return (JsonNode.Parse(bytes), true, null);
        }
        catch (JsonException exception)
        {
            return (null, true, ApiErrors.Result(StatusCodes.Status415UnsupportedMediaType, $"stored file at {request.Path} is not valid JSON: {exception.Message}", ApiErrors.InvalidInputCode));
        }
    }
}
