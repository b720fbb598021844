using AeorDb.Api.Errors;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;

namespace AeorDb.Api.Files;

/// <summary>Maps a failed grain write to the contract's answer.</summary>
internal static class WriteErrors
{
    /// <summary>NotFound 404, DirectoryNotEmpty 400 with the child count, PathConflict 409, Stale 409 (the path kept changing under a rename or delete), Invalid 400.</summary>
    public static IResult From(WriteResult result, HttpContext context, FileRequest request, string conflictCode = ApiErrors.ConflictCode) => result.Status switch
    {
        CommitStatus.NotFound => PathAccess.NotFound(context, request),
        CommitStatus.DirectoryNotEmpty => ApiErrors.BadRequest($"Directory '{request.Path}' is not empty ({result.ChildCount} children)"),
        CommitStatus.PathConflict => ApiErrors.Result(StatusCodes.Status409Conflict, $"Path conflict at '{request.Path}': a parent is a file or the path is a directory", conflictCode),
        CommitStatus.Stale => ApiErrors.Result(StatusCodes.Status409Conflict, $"'{request.Path}' kept changing while it was being read and written; try again", conflictCode),
        _ => ApiErrors.BadRequest($"Invalid request for '{request.Path}'"),
    };
}
