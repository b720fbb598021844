using System.Buffers;
using System.Globalization;
using AeorDb.Api.Errors;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Api.Blobs;

/// <summary>A stored object's raw bytes with its numeric entry type (CONTRACT §4.7): chunks, directory nodes, symlink records.</summary>
internal sealed class RawBlobResult(byte[] id, string hex, ObjectInfo info) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var store = httpContext.RequestServices.GetRequiredService<IObjectStore>();
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(info.Length, 1));
        try
        {
            var read = await store.ReadAsync(id, buffer, httpContext.RequestAborted).ConfigureAwait(false);
            if (read < 0)
            {
                await ApiErrors.WriteAsync(httpContext, StatusCodes.Status404NotFound, $"Not found: {hex}", ApiErrors.NotFoundCode).ConfigureAwait(false);
                return;
            }

            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/octet-stream";
            response.Headers["X-AeorDB-Type"] = ((int)info.Kind).ToString(CultureInfo.InvariantCulture);
            response.Headers["X-AeorDB-Hash"] = hex;
            response.ContentLength = read;
            await response.Body.WriteAsync(buffer.AsMemory(0, read), httpContext.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
