using AeorDb.Api.Auth;
using AeorDb.Api.Errors;
using AeorDb.Api.Events;
using AeorDb.Api.Files;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Links;

/// <summary>PUT, GET and DELETE of <c>/links/{path}</c> (CONTRACT §4.6); links are never followed here.</summary>
internal sealed class LinkService(IPathRules rules, IGrainFactory grains, FileLookup lookup, PathAccess access, ChangeEvents events, IOptions<ApiOptions> options)
{
    public const string Prefix = "/links";

    public async Task<IResult> PutAsync(HttpContext context)
    {
        var request = FileRequest.From(context, rules, Prefix);
        var body = await JsonBody.ReadAsync<LinkRequest>(context.Request, options.Value.JsonBodyLimit, context.RequestAborted).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var (target, refused) = await RefuseAsync(context, request, body.Value!.Target).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var result = await grains.GetGrain<IFileGrain>(request.Path).PutSymlinkAsync(target!).ConfigureAwait(false);
        if (result is not { Status: CommitStatus.Ok, Entry: { } entry })
        {
            return WriteErrors.From(result, context, request);
        }

        events.Created(context.GetCaller(), entry, null);
        return TypedResults.Json(LinkInfo.From(entry), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> GetAsync(HttpContext context)
    {
        var request = FileRequest.From(context, rules, Prefix);
        if (rules.IsHidden(request.Path))
        {
            return PathAccess.NotFound(context, request);
        }

        if (await access.CheckAsync(context, request, request.Path, Operation.Read).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var entry = await lookup.GetAsync(request.Path, null).ConfigureAwait(false);
        return entry is { Kind: EntryKind.Symlink }
            ? TypedResults.Json(LinkInfo.From(entry), ApiJson.Options)
            : PathAccess.NotFound(context, request);
    }

    public async Task<IResult> DeleteAsync(HttpContext context)
    {
        var request = FileRequest.From(context, rules, Prefix);
        if (rules.IsHidden(request.Path))
        {
            return PathAccess.NotFound(context, request);
        }

        if (await access.CheckWriteAsync(context, request, FileOperations.Delete(request.Path)).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var result = await grains.GetGrain<IFileGrain>(request.Path).DeleteAsync(EntryKind.Symlink).ConfigureAwait(false);
        if (result.Status != CommitStatus.Ok)
        {
            return PathAccess.NotFound(context, request);
        }

        if (result.Entry is { } removed)
        {
            events.Deleted(context.GetCaller(), removed);
        }

        return TypedResults.Json(new Deleted(true, request.Path, "symlink"), ApiJson.Options);
    }

    /// <summary>The canonical target, or the answer refusing the link: 400 control characters, missing target, root, self-target; 404 hidden path or target.</summary>
    private async Task<(string? Target, IResult? Refused)> RefuseAsync(HttpContext context, FileRequest request, string? rawTarget)
    {
        if (FileRequest.HasControlCharacters(request.Capture))
        {
            return (null, ApiErrors.BadRequest("Symlink path contains control characters"));
        }

        if (string.IsNullOrEmpty(rawTarget))
        {
            return (null, ApiErrors.BadRequest("Missing required field 'target' in request body. Symlink creation requires {\"target\": \"/path/to/target\"}"));
        }

        if (FileRequest.HasControlCharacters(rawTarget))
        {
            return (null, ApiErrors.BadRequest("Symlink target contains control characters"));
        }

        var target = rules.Canonicalize(rawTarget);
        if (rules.IsHidden(target) || rules.IsHidden(request.Path))
        {
            return (null, PathAccess.NotFound(context, request));
        }

        if (request.Path == "/")
        {
            return (null, ApiErrors.BadRequest("Cannot store at root path"));
        }

        if (target == request.Path)
        {
            return (null, ApiErrors.BadRequest($"Symlink cannot point to itself: {request.Path}"));
        }

        var exists = await lookup.GetAsync(request.Path, null).ConfigureAwait(false) is not null;
        return (target, await access.CheckWriteAsync(context, request, FileOperations.Put(request.Path, exists)).ConfigureAwait(false));
    }
}
