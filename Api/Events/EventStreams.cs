using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using AeorDb.Api.Auth;
using AeorDb.Api.Errors;
using AeorDb.Api.Security;
using AeorDb.Api.SystemRoutes;
using AeorDb.Grains.Interfaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Events;

/// <summary>
/// Serves one server-sent event stream (CONTRACT §6.4): <c>server_ready</c> first (unless <c>events</c> excludes
/// it), then the bus's events through the caller's <see cref="EventFilter"/>, each frame
/// <c>id: …\nevent: …\ndata: {json}\n\n</c> flushed as written, and a <c>:ping</c> comment when the stream has been
/// idle for <see cref="ApiOptions.EventKeepAliveInterval"/>. Ends when the client leaves or the node stops.
/// </summary>
internal sealed partial class EventStreams(
    EventBus bus,
    IAccessPolicy policy,
    IPathRules rules,
    StartupPhase startup,
    TimeProvider timeProvider,
    IOptions<ApiOptions> options,
    IHostApplicationLifetime lifetime,
    EventStreamGate gate,
    ILogger<EventStreams> logger)
{
    private static readonly byte[] Ping = ":ping\n\n"u8.ToArray();

    public async Task StreamAsync(HttpContext context, Caller caller)
    {
        var query = context.Request.Query;
        var filter = EventFilter.For(caller, EventFilter.ParseTypes(query["events"]), query["path_prefix"].ToString(), policy, rules);
        using var lease = gate.TryEnter(context, caller, out var refusal);
        if (lease is null)
        {
            LogRefused(logger, context.Request.Path, refusal!);
            context.Response.Headers.RetryAfter = "5";
            await ApiErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, refusal!, ApiErrors.RateLimitedCode).ConfigureAwait(false);
            return;
        }

        // Subscribe before the first frame, so nothing published while the stream opens is lost.
        using var subscription = bus.Subscribe();
        var keepAlive = options.Value.EventKeepAliveInterval;
        using var pinger = timeProvider.CreateTimer(static state => ((EventSubscription)state!).OfferKeepAlive(), subscription, keepAlive, keepAlive);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = stop.Token;

        Prepare(context);
        LogOpened(logger, context.Request.Path, EventUsers.Of(caller.UserId));
        try
        {
            await context.Response.StartAsync(cancellationToken).ConfigureAwait(false);
            var writer = context.Response.BodyWriter;
            if (filter.Wants(EventTypes.ServerReady) && !await WriteAsync(writer, ServerReady(), cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await PumpAsync(writer, subscription, filter, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away or the node is stopping: the stream simply ends.
        }

        LogClosed(logger, context.Request.Path);
    }

    private static async Task PumpAsync(PipeWriter writer, EventSubscription subscription, EventFilter filter, CancellationToken cancellationToken)
    {
        await foreach (var next in subscription.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            bool open;
            if (ReferenceEquals(next, EventSubscription.KeepAlive))
            {
                writer.Write(Ping);
                open = !(await writer.FlushAsync(cancellationToken).ConfigureAwait(false)).IsCompleted;
            }
            else
            {
                var delivered = await filter.ApplyAsync(next, cancellationToken).ConfigureAwait(false);
                open = delivered is null || await WriteAsync(writer, delivered, cancellationToken).ConfigureAwait(false);
            }

            if (!open)
            {
                return;
            }
        }
    }

    /// <summary>Writes one frame and flushes it; false when the client has gone.</summary>
    private static async ValueTask<bool> WriteAsync(PipeWriter writer, NodeEvent nodeEvent, CancellationToken cancellationToken)
    {
        WriteAscii(writer, "id: ");
        WriteAscii(writer, nodeEvent.EventId.ToString("D"));
        WriteAscii(writer, "\nevent: ");
        WriteAscii(writer, nodeEvent.EventType);
        WriteAscii(writer, "\ndata: ");
        using (var json = new Utf8JsonWriter(writer))
        {
            // Compact JSON escapes control characters, so the data stays on one line as SSE requires.
            JsonSerializer.Serialize(json, nodeEvent, ApiJson.Options);
        }

        WriteAscii(writer, "\n\n");
        var flushed = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return !flushed.IsCompleted;
    }

    private static void WriteAscii(PipeWriter writer, string text)
    {
        var span = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        writer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    /// <summary>Event-stream headers, and every frame straight to the socket: no response buffering or compression.</summary>
    private static void Prepare(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    private NodeEvent ServerReady()
    {
        var now = timeProvider.GetUtcNow();
        var payload = new ServerReadyPayload("ready", options.Value.Version, startup.StartedAt.ToUnixTimeMilliseconds(), (long)(now - startup.StartedAt).TotalMilliseconds);
        return NodeEvent.Create(EventTypes.ServerReady, now.ToUnixTimeMilliseconds(), EventUsers.System, payload);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Event stream {Route} opened for {UserId}")]
    private static partial void LogOpened(ILogger logger, PathString route, string userId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Event stream {Route} closed")]
    private static partial void LogClosed(ILogger logger, PathString route);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Event stream {Route} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, PathString route, string reason);
}
