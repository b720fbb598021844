using AeorDb.Api.Auth;
using AeorDb.Api.Errors;
using AeorDb.Api.Events;
using AeorDb.Api.Security;
using AeorDb.Api.Storage;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Files;

/// <summary>PUT, DELETE and PATCH of <c>/files/{path}</c> (CONTRACT §4.1, §4.4, §4.5).</summary>
internal sealed partial class FileWrites(
    IPathRules rules,
    IGrainFactory grains,
    FileContent content,
    FileLookup lookup,
    PathAccess access,
    VersionReader reader,
    IObjectStore store,
    ChangeEvents events,
    IOptions<ApiOptions> options,
    IOptions<ResourceLimitOptions> limits)
{
    private const string RootMessage = "Cannot store at root path";

    private ApiOptions Options => options.Value;

    public async Task<IResult> PutAsync(HttpContext context)
    {
        var request = FileRequest.From(context, rules, FileReads.Prefix);
        if (await RefuseWriteAsync(context, request).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var limit = PermissionsFileLimit.AppliesTo(request.Path) ? limits.Value.PermissionsFileLimit : Options.FileBodyLimit;
        if (context.Request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        // The server-wide body cap would cut uploads short; this route counts bytes against its own limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        var outcome = await content.StoreAsync(request.Path, context.Request.Body, context.Request.ContentType, limit, context.RequestAborted).ConfigureAwait(false);
        switch (outcome)
        {
            case { Failure: UploadFailure.TooLarge }:
                return TooLarge(limit);
            case { Failure: UploadFailure.BrokenStream }:
                return ApiErrors.BadRequest("Failed to read the request body: the stream ended unexpectedly");
            case { Result: { Status: CommitStatus.Ok, Entry: { } entry } }:
                events.Created(context.GetCaller(), entry, outcome.ContentHash);
                return TypedResults.Json(FileWritten.From(entry), ApiJson.Options, statusCode: StatusCodes.Status201Created);
            default:
                return WriteErrors.From(outcome.Result!, context, request);
        }
    }

    public async Task<IResult> DeleteAsync(HttpContext context)
    {
        var request = FileRequest.From(context, rules, FileReads.Prefix);
        if (request.Path == "/")
        {
            return ApiErrors.BadRequest("Cannot delete root directory");
        }

        if (rules.IsHidden(request.Path))
        {
            return PathAccess.NotFound(context, request);
        }

        if (await access.CheckWriteAsync(context, request, FileOperations.Delete(request.Path)).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        // One grain call deletes whichever is there: symlink, file or empty directory.
        var result = await grains.GetGrain<IFileGrain>(request.Path).DeleteAsync(null).ConfigureAwait(false);
        if (result.Status != CommitStatus.Ok)
        {
            return WriteErrors.From(result, context, request);
        }

        if (result.Entry is { } removed)
        {
            events.Deleted(context.GetCaller(), removed);
        }

        var kind = result.Entry?.Kind switch
        {
            EntryKind.Symlink => "symlink",
            EntryKind.Directory => "directory",
            _ => null,
        };
        return TypedResults.Json(new Deleted(true, request.Path, kind), ApiJson.Options);
    }

    public Task<IResult> PatchAsync(HttpContext context)
    {
        var mediaType = context.Request.ContentType?.Split(';', 2)[0].Trim();
        return string.Equals(mediaType, "application/merge-patch+json", StringComparison.OrdinalIgnoreCase)
            ? MergePatchAsync(context)
            : RenameAsync(context);
    }

    /// <summary>Root path 400, hidden 404, then the PUT operation's access check; null when the write may go ahead.</summary>
    private async Task<IResult?> RefuseWriteAsync(HttpContext context, FileRequest request)
    {
        if (request.Path == "/")
        {
            return ApiErrors.BadRequest(RootMessage);
        }

        if (rules.IsHidden(request.Path))
        {
            return PathAccess.NotFound(context, request);
        }

        // Create or update matters only to key rules and user grants; root without rules (or auth off) may do
        // either, so its PUT skips the tree read.
        var caller = context.GetCaller();
        var exists = !caller.AuthDisabled && !caller.IsRoot && await lookup.GetAsync(request.Path, null).ConfigureAwait(false) is not null;
        return await access.CheckWriteAsync(context, request, FileOperations.Put(request.Path, exists)).ConfigureAwait(false);
    }

    private static IResult TooLarge(long limit) =>
        ApiErrors.Result(StatusCodes.Status413PayloadTooLarge, $"Request body exceeds the limit of {limit} bytes", ApiErrors.PayloadTooLargeCode);
}
