using AeorDb.Api.Auth;
using AeorDb.Api.Errors;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;

namespace AeorDb.Api.Files;

/// <summary>Access answers of the file, link and blob routes (CONTRACT §3.6): key-rule denials are 404, grant denials 403.</summary>
internal sealed class PathAccess(IAccessPolicy policy)
{
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
