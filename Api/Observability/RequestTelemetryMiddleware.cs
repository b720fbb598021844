using System.Diagnostics;
using AeorDb.Api.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Observability;

/// <summary>
/// Records every request in <see cref="HttpMetrics"/> once it is answered and, with <c>--request-log</c>, writes its
/// line. Runs outermost, so failed and gated requests are counted with the status the client saw.
/// </summary>
internal sealed class RequestTelemetryMiddleware(RequestDelegate next, ILoggerFactory loggers, IOptions<TelemetryOptions> options)
{
    private readonly ILogger? _log = options.Value.RequestLog ? loggers.CreateLogger(RequestLog.Category) : null;

    public Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        Task pending;
        try
        {
            pending = next(context);
        }
        catch
        {
            Record(context, started);
            throw;
        }

        // Most answers that complete synchronously need no async state machine here.
        if (pending.IsCompletedSuccessfully)
        {
            Record(context, started);
            return Task.CompletedTask;
        }

        return AwaitAsync(pending, context, started);
    }

    private async Task AwaitAsync(Task pending, HttpContext context, long started)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        finally
        {
            Record(context, started);
        }
    }

    private void Record(HttpContext context, long started)
    {
        var request = context.Request;
        var response = context.Response;
        var family = RouteFamily.Of(request.Path);
        var method = HttpMetrics.MethodTag(request.Method);

        var status = response.StatusCode;
        HttpMetrics.Record(family, method, status, request.ContentLength, response.ContentLength, started);

        if (_log is not null && _log.IsEnabled(LogLevel.Information))
        {
            // The template, never the raw path: a path or query string may carry a token (?token=…).
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "/" + family;
            var keyId = context.FindCaller()?.KeyId?.ToString() ?? "-";
            RequestLog.Request(_log, method, route, status, request.ContentLength ?? 0, response.ContentLength ?? 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds, keyId);
        }
    }
}
