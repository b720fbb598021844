using System.Net;
using System.Text;
using System.Text.Json;

namespace AeorDb.Tests.Http.Security.Adversarial;

/// <summary>
/// What every answer to a hostile request must satisfy: no 5xx and no hang; an error body, when there is one, in the
/// contract's shape; <c>nosniff</c> on everything the application answered and the sandbox CSP on user content; and
/// none of the guarded secrets in any body.
/// </summary>
public sealed class HostileAnswerCheck(IReadOnlyList<(string Name, string Marker)> secrets)
{
    private static readonly HashSet<string> Codes =
    [
        "NOT_FOUND", "ALREADY_EXISTS", "CONFLICT", "INVALID_INPUT", "INVALID_PATH", "AUTH_REQUIRED", "FORBIDDEN",
        "RATE_LIMITED", "PAYLOAD_TOO_LARGE", "METHOD_NOT_ALLOWED", "SERVICE_UNAVAILABLE", "INTERNAL_ERROR",
    ];

    /// <summary>Statuses Kestrel answers itself, before the application, with no body (malformed target, body or headers too large).</summary>
    private static readonly HashSet<HttpStatusCode> ProtocolRefusals =
    [
        HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.RequestUriTooLong, HttpStatusCode.RequestHeaderFieldsTooLarge,
    ];

    /// <summary>The problems with one answer (empty when it is acceptable).</summary>
    public IEnumerable<string> Problems(HostileRequest request, HostileOutcome outcome)
    {
        if (outcome.Status is not { } status)
        {
            if (!request.MayBeRefusedByServer)
            {
                yield return outcome.Failure ?? "no answer";
            }

            yield break;
        }

        if ((int)status >= 500)
        {
            yield return $"answered {(int)status}: {Text(outcome.Body)}";
        }

        var empty = outcome.Body.Length == 0;
        var fromKestrel = empty && ProtocolRefusals.Contains(status);
        if ((int)status >= 400 && !empty && ShapeProblem(outcome.Body) is { } shape)
        {
            yield return $"{(int)status} error body not in the contract's shape ({shape}): {Text(outcome.Body)}";
        }

        if ((int)status >= 400 && empty && !fromKestrel && status is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed) && request.Method != "HEAD")
        {
            yield return $"{(int)status} without the contract's error body";
        }

        if (!fromKestrel && (!outcome.Headers.TryGetValue("X-Content-Type-Options", out var sniff) || sniff != "nosniff"))
        {
            yield return $"{(int)status} without X-Content-Type-Options: nosniff";
        }

        if (!fromKestrel && IsUserContent(request.PathAndQuery)
            && (!outcome.Headers.TryGetValue("Content-Security-Policy", out var policy) || policy != "sandbox; default-src 'none'"))
        {
            yield return $"{(int)status} user-content answer without the sandbox CSP";
        }

        var text = Encoding.UTF8.GetString(outcome.Body);
        foreach (var (name, marker) in secrets)
        {
            if (text.Contains(marker, StringComparison.Ordinal))
            {
                yield return $"{(int)status} leaked {name}";
            }
        }
    }

    private static string? ShapeProblem(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.String)
            {
                return "no string \"error\"";
            }

            if (root.TryGetProperty("code", out var code) && (code.ValueKind != JsonValueKind.String || !Codes.Contains(code.GetString()!)))
            {
                return $"unknown code {code}";
            }

            return null;
        }
        catch (JsonException)
        {
            return "not JSON";
        }
    }

    /// <summary>
    /// True when the request reaches a user-content family once the server has normalised its target as Kestrel does:
    /// <c>%2E</c> decoded and dot segments removed (RFC 3986 §5.2.4), so <c>/files/../system/health</c> is not user content.
    /// </summary>
    private static bool IsUserContent(string pathAndQuery)
    {
        var path = pathAndQuery.Split('?')[0].Replace("%2e", ".", StringComparison.OrdinalIgnoreCase);
        var segments = new List<string>();
        foreach (var segment in path.Split('/').Skip(1))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }

        var first = segments.FirstOrDefault(s => s.Length > 0) ?? string.Empty;
        return first.Equals("files", StringComparison.OrdinalIgnoreCase) || first.Equals("blobs", StringComparison.OrdinalIgnoreCase) || first.Equals("links", StringComparison.OrdinalIgnoreCase);
    }

    private static string Text(byte[] body) => body.Length > 300 ? Encoding.UTF8.GetString(body, 0, 300) + "…" : Encoding.UTF8.GetString(body);
}
