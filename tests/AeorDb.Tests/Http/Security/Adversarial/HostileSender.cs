using System.Net;
using System.Text;

namespace AeorDb.Tests.Http.Security.Adversarial;

/// <summary>What came back for one hostile request.</summary>
/// <param name="Status">The status, or null when no answer came.</param>
/// <param name="Headers">Response and content headers.</param>
/// <param name="Body">The body (at most <see cref="HostileSender.MaxBody"/> bytes; empty for an event stream).</param>
/// <param name="Failure">Why no answer came (transport error, timeout), or null.</param>
public sealed record HostileOutcome(HttpStatusCode? Status, IReadOnlyDictionary<string, string> Headers, byte[] Body, string? Failure);

/// <summary>
/// Sends hostile requests verbatim: the path is not canonicalised by .NET (<c>..</c> and escapes arrive as written),
/// tokens go in the header or in <c>?token=</c>, event streams are closed as soon as their headers arrive.
/// </summary>
public sealed class HostileSender(Uri baseUrl, IReadOnlyDictionary<HostileCaller, string?> tokens) : IDisposable
{
    /// <summary>Most body bytes kept per answer.</summary>
    public const int MaxBody = 8 << 20;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    /// <summary>Sends one request; null when the client library itself refuses to build it (nothing reached the node).</summary>
    public async Task<HostileOutcome?> SendAsync(HostileRequest request)
    {
        using var message = Build(request);
        if (message is null)
        {
            return null;
        }

        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var headers = response.Headers.Concat(response.Content.Headers)
                .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => string.Join(",", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
            var stream = response.Content.Headers.ContentType?.MediaType == "text/event-stream";
            var body = stream ? [] : await ReadAsync(response, deadline.Token);
            return new HostileOutcome(response.StatusCode, headers, body, null);
        }
        catch (HttpRequestException exception)
        {
            return new HostileOutcome(null, new Dictionary<string, string>(), [], "transport: " + exception.Message);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return new HostileOutcome(null, new Dictionary<string, string>(), [], $"no answer within {Timeout.TotalSeconds} s");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private HttpRequestMessage? Build(HostileRequest request)
    {
        var token = request.Caller == HostileCaller.Forged ? request.ForgedToken : tokens[request.Caller];
        var pathAndQuery = request.PathAndQuery;
        if (token is not null && request.TokenInQuery)
        {
            pathAndQuery += (pathAndQuery.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "token=" + Uri.EscapeDataString(token);
        }

        if (!TryUri(pathAndQuery, out var uri))
        {
            return null;
        }

        var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        if (token is not null && !request.TokenInQuery)
        {
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    /// <summary>The absolute URI with the path exactly as written; characters a URI cannot carry raw are percent-encoded.</summary>
    private bool TryUri(string pathAndQuery, out Uri uri)
    {
        var options = new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true };
        var text = baseUrl.GetLeftPart(UriPartial.Authority) + pathAndQuery;
        if (Uri.TryCreate(text, options, out uri!))
        {
            return true;
        }

        var escaped = new StringBuilder();
        foreach (var rune in pathAndQuery.EnumerateRunes())
        {
            escaped.Append(rune.Value is > 0x20 and < 0x7f and not '"' and not '<' and not '>' and not '\\' and not '^' and not '`' and not '{' and not '|' and not '}'
                ? rune.ToString()
                : Uri.EscapeDataString(rune.ToString()));
        }

        return Uri.TryCreate(baseUrl.GetLeftPart(UriPartial.Authority) + escaped, options, out uri!);
    }

    private static async Task<byte[]> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var kept = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0 && kept.Length < MaxBody)
        {
            kept.Write(buffer, 0, read);
        }

        return kept.ToArray();
    }
}
