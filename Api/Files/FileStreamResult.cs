using System.Buffers;
using AeorDb.Api.Storage;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace AeorDb.Api.Files;

/// <summary>
/// Streams a stored file version (CONTRACT §4.2, §4.7): Range handling, the size and type headers, then the
/// bytes chunk by chunk straight into the response pipe, or from <paramref name="content"/> when the caller already
/// holds them all (a small file). <paramref name="headers"/> adds the route's own headers.
/// </summary>
internal sealed class FileStreamResult(FileVersion version, byte[]? content, Action<IHeaderDictionary> headers) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var kind = ByteRange.Parse(httpContext.Request.Headers.Range, version.Size, out var range);
        response.Headers.AcceptRanges = "bytes";
        response.Headers["X-AeorDB-Size"] = version.Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers(response.Headers);
        if (kind == RangeKind.Unsatisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = $"bytes */{version.Size}";
            response.ContentLength = 0;
            return;
        }

        if (version.ContentType is not null)
        {
            response.ContentType = version.ContentType;
        }

        if (kind == RangeKind.Partial)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = new ContentRangeHeaderValue(range.Start, range.End, version.Size).ToString();
        }
        else
        {
            response.StatusCode = StatusCodes.Status200OK;
            range = new ByteRange(0, version.Size);
        }

        response.ContentLength = range.Length;
        if (HttpMethods.IsHead(httpContext.Request.Method))
        {
            return;
        }

        if (content is not null)
        {
            // Kestrel sends it with the headers when the request completes: one write, no flush of our own.
            response.BodyWriter.Write(content.AsSpan((int)range.Start, (int)range.Length));
            return;
        }

        var reader = httpContext.RequestServices.GetRequiredService<VersionReader>();
        await reader.WriteAsync(version, range.Start, range.Length, response.BodyWriter, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
