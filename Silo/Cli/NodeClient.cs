using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AeorDb.Silo.Cli;

/// <summary>
/// The client commands' view of one node's HTTP API: it exchanges the API key for a JWT once
/// (<c>POST /auth/token</c>), sends it as a Bearer header, and turns every failure into a
/// <see cref="CliException"/> with the node's own error message.
/// </summary>
internal sealed class NodeClient(HttpClient http, Uri baseUrl, string? apiKey) : IDisposable
{
    private string? _token;

    /// <summary>Sends one request and returns the parsed JSON answer (default when the body is empty).</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string pathAndQuery, object? body, CancellationToken cancellationToken)
    {
        await EnsureTokenAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(method, Resolve(pathAndQuery));
        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await SendRawAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(method, pathAndQuery, response.StatusCode, text);
        }

        return text.Length == 0 ? default : Parse(text, method, pathAndQuery);
    }

    public void Dispose() => http.Dispose();

    private async Task EnsureTokenAsync(CancellationToken cancellationToken)
    {
        if (apiKey is null || _token is not null)
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Resolve("/auth/token"))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { api_key = apiKey }), Encoding.UTF8, "application/json"),
        };
        using var response = await SendRawAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new CliException(CliExitCodes.Auth, $"the API key was refused: {ErrorMessage(text, response.StatusCode)}");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw Failure(HttpMethod.Post, "/auth/token", response.StatusCode, text);
        }

        _token = Parse(text, HttpMethod.Post, "/auth/token").GetProperty("token").GetString();
    }

    /// <summary>A route under the base URL, keeping its path, so a node served under a proxy prefix works too.</summary>
    private Uri Resolve(string pathAndQuery) => new(baseUrl, pathAndQuery.TrimStart('/'));

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new CliException(CliExitCodes.Failed, $"cannot reach {baseUrl.GetLeftPart(UriPartial.Authority)}: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(CliExitCodes.Failed, $"{request.Method} {request.RequestUri!.PathAndQuery}: no answer within {http.Timeout.TotalSeconds:0} s");
        }
    }

    private CliException Failure(HttpMethod method, string path, HttpStatusCode status, string body)
    {
        var message = $"{method} {path}: {(int)status} {ErrorMessage(body, status)}";
        return status switch
        {
            HttpStatusCode.Unauthorized => new CliException(CliExitCodes.Auth,
                apiKey is null ? message + " (pass --api-key-file or set AEORDB_API_KEY)" : message, status),
            HttpStatusCode.Forbidden => new CliException(CliExitCodes.Auth, message, status),
            _ => new CliException(CliExitCodes.Failed, message, status),
        };
    }

    /// <summary>The contract error body's <c>error</c> (CONTRACT §1.2), else the status's reason phrase.</summary>
    private static string ErrorMessage(string body, HttpStatusCode status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not the contract's body (a proxy, another server): fall back to the reason phrase.
        }

        return ReasonPhrase(status);
    }

    private static string ReasonPhrase(HttpStatusCode status) => new HttpResponseMessage(status).ReasonPhrase ?? status.ToString();

    private static JsonElement Parse(string text, HttpMethod method, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new CliException(CliExitCodes.Failed, $"{method} {path}: the answer is not JSON");
        }
    }
}
