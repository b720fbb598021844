using System.Text;
using System.Text.Json;

namespace AeorDb.Grains.Services.Peers;

/// <summary>
/// Bounded reads of what a peer sends (SECURITY.md "Resource limits"): JSON answers, error texts and raw bodies never
/// exceed the limits of <see cref="PeerOptions"/>, whatever <c>Content-Length</c> a peer announces or omits.
/// </summary>
internal static class PeerBodies
{
    /// <summary>Most characters of a peer's error answer kept for the pull's error message.</summary>
    public const int MaxErrorChars = 4096;

    /// <summary>The answer's JSON, read through at most <paramref name="limit"/> bytes.</summary>
    public static async Task<T?> ReadJsonAsync<T>(HttpResponseMessage response, long limit, JsonSerializerOptions options, string what, CancellationToken cancellationToken)
    {
        await using var body = await OpenAsync(response, limit, what, cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync<T>(body, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The answer's body, refused at once when it announces more than <paramref name="limit"/> bytes and cut off when it sends more.</summary>
    public static async Task<Stream> OpenAsync(HttpResponseMessage response, long limit, string what, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > limit)
        {
            throw new PeerBodyTooLargeException($"{what} is larger than {limit} bytes ({response.Content.Headers.ContentLength} announced)");
        }

        var inner = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new BoundedReadStream(inner, limit, what);
    }

    /// <summary>The start of an error answer's text (at most <see cref="MaxErrorChars"/> characters), for a message.</summary>
    public static async Task<string> ReadErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[MaxErrorChars];
        var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return read == buffer.Length ? text + "…" : text;
    }
}
