using System.Net.Http.Headers;
using System.Text.Json;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Peers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeorDb.Grains.Services.Peers;

/// <summary>
/// Reads a peer's <c>GET /sync/events?events=heartbeat,entries_created,entries_deleted</c> stream (CONTRACT §6.4)
/// with a peer token and reports the connection, each heartbeat, each change event and the loss of the stream to the peer grain through its reference. It runs
/// outside the grain's turns and never touches grain state.
/// </summary>
internal sealed partial class PeerEventClient(
    IHttpClientFactory httpClients,
    IPeerTokenSource tokens,
    TimeProvider time,
    IOptions<PeerOptions> options,
    ILogger<PeerEventClient> logger)
{
    /// <summary>The named HTTP client for event streams (no timeout: the stream stays open).</summary>
    public const string HttpClientName = "aeordb-peer-events";

    /// <summary>Reads the stream of <paramref name="address"/> until it ends or <paramref name="cancellationToken"/> fires; reports everything to <paramref name="sink"/>.</summary>
    public async Task RunAsync(string address, long connection, IPeerStreamSink sink, CancellationToken cancellationToken)
    {
        string reason;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address.TrimEnd('/') + "/sync/events?events=heartbeat,entries_created,entries_deleted");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetPeerTokenAsync(address, cancellationToken).ConfigureAwait(false));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                reason = $"Peer event stream answered {(int)response.StatusCode}";
            }
            else
            {
                await sink.OnConnectedAsync(connection).ConfigureAwait(false);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                var reader = new BoundedLineReader(body, options.Value.MaxEventFrameBytes);
                await ReadFramesAsync(reader, address, connection, sink, cancellationToken).ConfigureAwait(false);
                reason = "Peer event stream ended";
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException or PeerTokenException)
        {
            reason = exception.Message;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        LogStreamLost(logger, address, reason);
        try
        {
            await sink.OnStreamLostAsync(connection, reason).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogReportFailed(logger, address, exception);
        }
    }

    /// <remarks>
    /// A frame whose data passes <see cref="PeerOptions.MaxEventFrameBytes"/> is dropped (a change event still
    /// triggers its pull: the payload is not needed), so the link survives a peer's oversized event and memory
    /// stays bounded.
    /// </remarks>
    private async Task ReadFramesAsync(BoundedLineReader reader, string address, long connection, IPeerStreamSink sink, CancellationToken cancellationToken)
    {
        var maxFrame = options.Value.MaxEventFrameBytes;
        string? eventType = null;
        var oversized = false;
        var data = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is (string line, bool tooLong))
        {
            if (tooLong || data.Length + line.Length > maxFrame)
            {
                oversized = true;
                data.Clear();
            }

            if (line.Length == 0)
            {
                if (oversized)
                {
                    LogFrameSkipped(logger, address, maxFrame);
                }

                if (!oversized && data.Length > 0 && (eventType is null or "heartbeat") && TryParseHeartbeat(data.ToString(), out var constructTime, out var nodeId))
                {
                    await sink.OnHeartbeatAsync(connection, constructTime, nodeId, time.GetUtcNow().ToUnixTimeMilliseconds()).ConfigureAwait(false);
                }
                else if (eventType is "entries_created" or "entries_deleted")
                {
                    // The payload is not needed: the pull asks the peer for everything since the stored base.
                    await sink.OnPeerChangedAsync(connection).ConfigureAwait(false);
                }

                eventType = null;
                oversized = false;
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventType = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal) && !oversized)
            {
                if (data.Length > 0)
                {
                    data.Append('\n');
                }

                data.Append(line.AsSpan("data:".Length).TrimStart(' '));
            }
        }
    }

    /// <summary>
    /// Reads a heartbeat's <c>construct_time</c> and <c>node_id</c> from an event envelope (<c>payload.clock</c>),
    /// accepting the clock flat in the payload or a bare payload too (CONTRACT §6.4: "accept both").
    /// </summary>
    public static bool TryParseHeartbeat(string data, out long constructTime, out ulong nodeId)
    {
        constructTime = 0;
        nodeId = 0;
        try
        {
            using var document = JsonDocument.Parse(data);
            var element = document.RootElement;
            if (element.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (element.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object)
            {
                element = payload;
            }

            if (element.TryGetProperty("clock", out var clock) && clock.ValueKind == JsonValueKind.Object)
            {
                element = clock;
            }

            if (!element.TryGetProperty("construct_time", out var construct) || !construct.TryGetInt64(out constructTime))
            {
                return false;
            }

            if (element.TryGetProperty("node_id", out var node) && node.ValueKind == JsonValueKind.Number)
            {
                node.TryGetUInt64(out nodeId);
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Lost the event stream of peer {Address}: {Reason}")]
    private static partial void LogStreamLost(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Could not report the lost event stream of peer {Address}")]
    private static partial void LogReportFailed(ILogger logger, string address, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Skipped an event frame of peer {Address} larger than {MaxBytes} bytes")]
    private static partial void LogFrameSkipped(ILogger logger, string address, int maxBytes);
}
