using Microsoft.Extensions.Logging;

namespace AeorDb.Api.Observability;

/// <summary>
/// The request log (<c>--request-log</c>): one structured line per request under the <see cref="Category"/>
/// category. It carries the route template (never the raw path or query string, where a token could travel)
/// and the API key id, never a token or key secret.
/// </summary>
internal static partial class RequestLog
{
    /// <summary>The logger category; enabled at Information only when the flag is on.</summary>
    public const string Category = "AeorDb.Requests";

    [LoggerMessage(EventId = 7000, Level = LogLevel.Information,
        Message = "{Method} {Route} {Status} in={RequestBytes} out={ResponseBytes} {ElapsedMs:F1} ms key={KeyId}")]
    public static partial void Request(ILogger logger, string method, string route, int status, long requestBytes, long responseBytes, double elapsedMs, string keyId);
}
