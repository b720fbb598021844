using System.Net.Http.Headers;
using System.Text;

namespace AeorDb.Tests.Http.Events;

/// <summary>
/// A client of one event stream, read frame by frame with a deadline per wait (tests never sleep). Dispose
/// closes the connection, which ends the stream on the server.
/// </summary>
public sealed class SseStream : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
    }

    /// <summary>The response (status and headers arrive before any frame).</summary>
    public HttpResponseMessage Response => _response;

    /// <summary>Opens <paramref name="pathAndQuery"/> with an optional Bearer token; returns once the headers are in.</summary>
    public static async Task<SseStream> OpenAsync(HttpClient http, string pathAndQuery, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(pathAndQuery, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var opening = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, opening.Token);
        return new SseStream(response, await response.Content.ReadAsStreamAsync(opening.Token));
    }

    /// <summary>The next frame (comments included); fails when none arrives within <paramref name="timeout"/> or the stream ends.</summary>
    public async Task<SseFrame> NextAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        return await ReadFrameAsync(deadline.Token);
    }

    /// <summary>The first event frame satisfying <paramref name="match"/>, skipping others and comments, within <paramref name="timeout"/>.</summary>
    public async Task<SseFrame> NextMatchingAsync(Func<SseFrame, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var frame = await ReadFrameAsync(deadline.Token);
            if (frame.Comment is null && match(frame))
            {
                return frame;
            }
        }
    }

    /// <summary>The next event frame of <paramref name="eventType"/>.</summary>
    public Task<SseFrame> NextOfTypeAsync(string eventType, TimeSpan timeout) => NextMatchingAsync(frame => frame.Event == eventType, timeout);

    /// <inheritdoc />
    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }

    private async Task<SseFrame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        string? id = null, type = null, comment = null;
        StringBuilder? data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.Length == 0)
            {
                if (id is null && type is null && data is null && comment is null)
                {
                    continue;
                }

                return new SseFrame(id, type, data?.ToString(), comment);
            }

            if (line[0] == ':')
            {
                comment = line[1..];
                continue;
            }

            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    type = value;
                    break;
                case "data":
                    data = data is null ? new StringBuilder(value) : data.Append('\n').Append(value);
                    break;
            }
        }
    }
}
