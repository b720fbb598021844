using AeorDb.Api.Auth;
using AeorDb.Api.Errors;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;

namespace AeorDb.Api.Files;

/// <summary>Access answers of the file, link and blob routes (CONTRACT §3.6): key-rule denials are 404, grant denials 403.</summary>
internal sealed class PathAccess(IAccessPolicy policy)
{
    /// <summary>Why a write into the conflict namespace is refused.</summary>
    public const string ConflictRecordsMessage =
        "Conflict records under /.aeordb-conflicts/ are written only by sync; resolve or dismiss them through /sync/conflicts";

    /// <summary>
    /// Null when the caller may perform every operation of a write (see <see cref="FileOperations"/>); else the answer
    /// of the first refused one. A write touching <c>/.aeordb-conflicts</c> is refused (403) for every caller, root and
    /// a node without auth included: conflict records are written only by the merge engine, which does not come here.
    /// </summary>
    public async ValueTask<IResult?> CheckWriteAsync(HttpContext context, FileRequest request, IReadOnlyList<PathOperation> operations)
    {
        foreach (var operation in operations)
        {
            if (ConflictNamespace.Contains(operation.Path))
            {
                return Fail(context, StatusCodes.Status403Forbidden, ConflictRecordsMessage, ApiErrors.ForbiddenCode);
            }
        }

        foreach (var operation in operations)
        {
            if (await CheckAsync(context, request, operation.Path, operation.Operation).ConfigureAwait(false) is { } denied)
            {
                return denied;
            }
        }

        return null;
    }

    /// <summary>Null when the caller may perform <paramref name="operation"/> on <paramref name="path"/>; else the answer to send.</summary>
    public async ValueTask<IResult?> CheckAsync(HttpContext context, FileRequest request, string path, Operation operation)
    {
        var decision = await policy.CheckAsync(context.GetCaller(), path, operation, context.RequestAborted).ConfigureAwait(false);
        return decision switch
        {
            AccessDecision.Allowed => null,
            AccessDecision.Forbidden => Fail(context, StatusCodes.Status403Forbidden, "Permission denied", ApiErrors.ForbiddenCode),
            _ => NotFound(context, request),
        };
    }

    /// <summary>404 <c>Not found: &lt;capture&gt;</c>; a bare 404 for HEAD.</summary>
    public static IResult NotFound(HttpContext context, FileRequest request) =>
        Fail(context, StatusCodes.Status404NotFound, $"Not found: {request.Capture}", ApiErrors.NotFoundCode);

    /// <summary>An error in the contract's body, or the bare status for HEAD (CONTRACT §1.2: HEAD misses carry no body).</summary>
    public static IResult Fail(HttpContext context, int status, string message, string? code = null) =>
        HttpMethods.IsHead(context.Request.Method) ? TypedResults.StatusCode(status) : ApiErrors.Result(status, message, code);
}
