using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AeorDb.Api.Errors;

/// <summary>
/// Reads a JSON request body with the contract's answers (CONTRACT §1.1): no JSON Content-Type → 415,
/// over the limit → 413, malformed → 400, wrong types → 422. Used instead of automatic binding, whose
/// failures would not carry the contract's error body.
/// </summary>
internal static class JsonBody
{
    /// <summary>The parsed body, or the error to answer with (exactly one is set).</summary>
    public readonly record struct Outcome<T>(T? Value, IResult? Error);

    /// <summary>Reads and binds the body. An empty body binds to <paramref name="whenEmpty"/> when given, else is a 400.</summary>
    public static async Task<Outcome<T>> ReadAsync<T>(HttpRequest request, long limit, CancellationToken cancellationToken, T? whenEmpty = default, bool requireContentType = true)
        where T : class
    {
        if (requireContentType && !IsJson(request.ContentType))
        {
            return new(null, ApiErrors.Result(StatusCodes.Status415UnsupportedMediaType, "Expected request with `Content-Type: application/json`", ApiErrors.InvalidInputCode));
        }

        if (request.ContentLength > limit)
        {
            return new(null, TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(rented, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return new(null, TooLarge(limit));
                }

                buffer.Write(rented, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }

        if (buffer.Length == 0 && whenEmpty is not null)
        {
            return new(whenEmpty, null);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException exception)
        {
            return new(null, ApiErrors.BadRequest($"Failed to parse the request body as JSON: {exception.Message}"));
        }

        using (document)
        {
            try
            {
                var value = document.Deserialize<T>(ApiJson.Options);
                return value is null
                    ? new(null, ApiErrors.Result(StatusCodes.Status422UnprocessableEntity, "Request body must be a JSON object", ApiErrors.InvalidInputCode))
                    : new(value, null);
            }
            catch (JsonException exception)
            {
                return new(null, ApiErrors.Result(StatusCodes.Status422UnprocessableEntity, $"Failed to deserialize the JSON body: {exception.Message}", ApiErrors.InvalidInputCode));
            }
        }
    }

    /// <summary>True for application/json and any +json type (merge-patch included).</summary>
    public static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static IResult TooLarge(long limit) =>
        ApiErrors.Result(StatusCodes.Status413PayloadTooLarge, $"Request body exceeds the limit of {limit} bytes", ApiErrors.PayloadTooLargeCode);
}
