using System.Net;
using System.Text.Json;
using Xunit;

namespace AeorDb.Tests.TestSupport;

/// <summary>Assertions on HTTP answers whose failure messages show what the node actually sent.</summary>
public static class Expect
{
    /// <summary>Asserts the status and returns the body as text.</summary>
    public static async Task<string> StatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}. Body: {Shorten(body)}");
        }

        return body;
    }

    /// <summary>Asserts the status and a JSON body, and returns it.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await StatusAsync(response, expected);
        return Parse(response, body);
    }

    /// <summary>
    /// Asserts the contract's error answer (CONTRACT §1.2): the status, a JSON body whose <c>error</c> is a string,
    /// and, when given, the <c>code</c> and the exact message.
    /// </summary>
    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected, string? code = null, string? message = null)
    {
        var body = await JsonAsync(response, expected);
        Assert.True(
            body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String,
            $"Error body lacks a string \"error\": {body}");
        if (code is not null)
        {
            Assert.True(body.TryGetProperty("code", out var actual), $"Error body lacks \"code\" {code}: {body}");
            Assert.Equal(code, actual.GetString());
        }

        if (message is not null)
        {
            Assert.Equal(message, body.GetProperty("error").GetString());
        }

        return body;
    }

    /// <summary>Asserts the status and an empty body (HEAD answers, unknown routes, 416).</summary>
    public static async Task EmptyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await StatusAsync(response, expected);
        Assert.True(body.Length == 0, $"Expected no body, got: {Shorten(body)}");
    }

    /// <summary>Asserts the status and returns the raw body bytes.</summary>
    public static async Task<byte[]> BytesAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != expected)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}. Body: {Shorten(System.Text.Encoding.UTF8.GetString(bytes))}");
        }

        return bytes;
    }

    /// <summary>The single value of a response or content header, or null.</summary>
    public static string? Header(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
        {
            return string.Join(",", values);
        }

        return null;
    }

    /// <summary>The names of a JSON object's properties, sorted.</summary>
    public static string[] Keys(JsonElement element) =>
        [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    private static JsonElement Parse(HttpResponseMessage response, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: body is not JSON: {Shorten(body)}");
            throw;
        }
    }

    private static string Shorten(string body) => body.Length > 2000 ? body[..2000] + "…" : body;
}
