using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AeorDb.Api.Errors;

/// <summary>
/// The one writer of error responses: handlers, filters, the exception handler and status-code pages all
/// come here, so every route family answers in the same shape (STYLE "one error shape").
/// </summary>
internal static class ApiErrors
{
    public const string NotFoundCode = "NOT_FOUND";
    public const string AlreadyExistsCode = "ALREADY_EXISTS";
    public const string ConflictCode = "CONFLICT";
    public const string InvalidInputCode = "INVALID_INPUT";
    public const string InvalidPathCode = "INVALID_PATH";
    public const string AuthRequiredCode = "AUTH_REQUIRED";
    public const string ForbiddenCode = "FORBIDDEN";
    public const string RateLimitedCode = "RATE_LIMITED";
    public const string PayloadTooLargeCode = "PAYLOAD_TOO_LARGE";
    public const string MethodNotAllowedCode = "METHOD_NOT_ALLOWED";
    public const string ServiceUnavailableCode = "SERVICE_UNAVAILABLE";
    public const string InternalErrorCode = "INTERNAL_ERROR";

    /// <summary>An error result with the contract body and the given status.</summary>
    public static JsonHttpResult<ErrorBody> Result(int status, string message, string? code = null) =>
        TypedResults.Json(new ErrorBody(message, code), ApiJson.Options, statusCode: status);

    public static JsonHttpResult<ErrorBody> NotFound(string message) => Result(StatusCodes.Status404NotFound, message, NotFoundCode);

    public static JsonHttpResult<ErrorBody> BadRequest(string message, string code = InvalidInputCode) => Result(StatusCodes.Status400BadRequest, message, code);

    public static JsonHttpResult<ErrorBody> Forbidden(string message) => Result(StatusCodes.Status403Forbidden, message, ForbiddenCode);

    public static JsonHttpResult<ErrorBody> Unauthorized(string message) => Result(StatusCodes.Status401Unauthorized, message, AuthRequiredCode);

    /// <summary>Writes the error body straight to a response (middleware, authentication events, exception handler).</summary>
    public static async Task WriteAsync(HttpContext context, int status, string message, string? code = null)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ErrorBody(message, code), ApiJson.Options, context.RequestAborted).ConfigureAwait(false);
    }
}
