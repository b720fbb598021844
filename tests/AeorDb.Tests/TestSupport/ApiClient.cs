using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AeorDb.Tests.TestSupport;

/// <summary>Sends requests to one node as one caller (a Bearer JWT, or none).</summary>
/// <param name="http">The node's current client (it changes on restart, so it is read per request).</param>
/// <param name="token">The Bearer JWT, or null for an anonymous caller.</param>
public sealed class ApiClient(Func<HttpClient> http, string? token)
{
    /// <summary>The caller's JWT, if any.</summary>
    public string? Token => token;

    /// <summary>Sends one request; <paramref name="pathAndQuery"/> is taken verbatim (percent-escapes survive).</summary>
    public Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string pathAndQuery,
        HttpContent? content = null,
        Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, new Uri(pathAndQuery, UriKind.Relative)) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        configure?.Invoke(request);
        return http().SendAsync(request, HttpCompletionOption.ResponseContentRead);
    }

    /// <summary>GET.</summary>
    public Task<HttpResponseMessage> GetAsync(string pathAndQuery, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(HttpMethod.Get, pathAndQuery, configure: configure);

    /// <summary>HEAD.</summary>
    public Task<HttpResponseMessage> HeadAsync(string pathAndQuery) => SendAsync(HttpMethod.Head, pathAndQuery);

    /// <summary>DELETE.</summary>
    public Task<HttpResponseMessage> DeleteAsync(string pathAndQuery) => SendAsync(HttpMethod.Delete, pathAndQuery);

    /// <summary>PUT raw bytes, with a Content-Type only when one is given.</summary>
    public Task<HttpResponseMessage> PutBytesAsync(string pathAndQuery, byte[] bytes, string? contentType = null) =>
        SendAsync(HttpMethod.Put, pathAndQuery, Bytes(bytes, contentType));

    /// <summary>POST <paramref name="body"/> serialised as JSON (property names verbatim).</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string pathAndQuery, object body) =>
        SendAsync(HttpMethod.Post, pathAndQuery, Json(body));

    /// <summary>PUT <paramref name="body"/> serialised as JSON.</summary>
    public Task<HttpResponseMessage> PutJsonAsync(string pathAndQuery, object body) =>
        SendAsync(HttpMethod.Put, pathAndQuery, Json(body));

    /// <summary>PATCH <paramref name="body"/> serialised as JSON with the given media type.</summary>
    public Task<HttpResponseMessage> PatchJsonAsync(string pathAndQuery, object body, string mediaType = "application/json") =>
        SendAsync(HttpMethod.Patch, pathAndQuery, Json(body, mediaType));

    /// <summary>PUTs a file under /files and returns the 201 body; fails the test on any other answer.</summary>
    public async Task<JsonElement> PutFileAsync(string path, byte[] bytes, string? contentType = null)
    {
        using var response = await PutBytesAsync("/files" + path, bytes, contentType);
        return await Expect.JsonAsync(response, HttpStatusCode.Created);
    }

    /// <summary>PUTs UTF-8 text under /files as text/plain and returns the 201 body.</summary>
    public Task<JsonElement> PutTextAsync(string path, string text) =>
        PutFileAsync(path, Encoding.UTF8.GetBytes(text), "text/plain");

    /// <summary>JSON content: <paramref name="body"/> is a string sent verbatim, or an object serialised.</summary>
    public static HttpContent Json(object body, string mediaType = "application/json")
    {
        var text = body as string ?? JsonSerializer.Serialize(body);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    /// <summary>Raw bytes with an optional Content-Type (none at all when null).</summary>
    public static HttpContent Bytes(byte[] bytes, string? contentType = null)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }
}
