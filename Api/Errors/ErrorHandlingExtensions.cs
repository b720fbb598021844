using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AeorDb.Api.Errors;

/// <summary>Turns unhandled failures into the contract's error body: a bad request stays a 4xx, anything else is a logged 500.</summary>
internal static partial class ErrorHandlingExtensions
{
    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = HandleAsync,
            SuppressDiagnosticsCallback = _ => true,
        });

    private static Task HandleAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        switch (exception)
        {
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge:
                return ApiErrors.WriteAsync(context, bad.StatusCode, "Request body too large", ApiErrors.PayloadTooLargeCode);
            case BadHttpRequestException bad:
                return ApiErrors.WriteAsync(context, bad.StatusCode, bad.Message, ApiErrors.InvalidInputCode);
            case TreeHeadMovedException moved:
                // Another silo of this node committed first; nothing was written and the same request can be retried.
                context.Response.Headers.RetryAfter = "1";
                return ApiErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, moved.Message, ApiErrors.ServiceUnavailableCode);
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                return Task.CompletedTask;
            default:
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("AeorDb.Api.Errors");
                LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
                return ApiErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal server error", ApiErrors.InternalErrorCode);
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unhandled failure on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception? exception, string method, string path);
}
