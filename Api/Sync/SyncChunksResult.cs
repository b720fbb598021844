using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using AeorDb.Grains.Interfaces;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Api.Sync;

/// <summary>
/// Streams <c>{"chunks":[{"hash","data","size"}]}</c> straight into the response pipe, one chunk at a time
/// from a rented buffer, so the answer (up to the 512 MiB budget) is never held in memory whole. With
/// <paramref name="frames"/> it streams <see cref="ChunkFrames"/> instead, each chunk read from the store
/// straight into the pipe's memory.
/// </summary>
internal sealed class SyncChunksResult(IReadOnlyList<SyncChunksResult.PlannedChunk> chunks, bool frames = false) : IResult
{
    /// <summary>One chunk to send: the hash as the caller spelled it, its id and its stored length.</summary>
    public sealed record PlannedChunk(string Hash, byte[] Id, int Length);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var store = httpContext.RequestServices.GetRequiredService<IObjectStore>();
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        if (frames)
        {
            await WriteFramesAsync(store, response, cancellationToken).ConfigureAwait(false);
            return;
        }

        response.ContentType = "application/json";

        var pipe = response.BodyWriter;
        await using var writer = new Utf8JsonWriter(pipe, new JsonWriterOptions { Encoder = ApiJson.Options.Encoder, SkipValidation = false });
        writer.WriteStartObject();
        writer.WritePropertyName("chunks");
        writer.WriteStartArray();
        foreach (var chunk in chunks)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(chunk.Length, 1));
            try
            {
                var length = await store.ReadAsync(chunk.Id, buffer.AsMemory(0, chunk.Length), cancellationToken).ConfigureAwait(false);
                if (length < 0)
                {
                    continue;
                }

                writer.WriteStartObject();
                writer.WriteString("hash", chunk.Hash);
                writer.WriteBase64String("data", buffer.AsSpan(0, length));
                writer.WriteNumber("size", length);
                writer.WriteEndObject();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            // Flush hands the bytes to the pipe; FlushAsync lets Kestrel send them and applies back-pressure.
            writer.Flush();
            await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteFramesAsync(IObjectStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        response.ContentType = ChunkFrames.MediaType;
        var pipe = response.BodyWriter;
        foreach (var chunk in chunks)
        {
            // The data is read first, behind room for the header: a chunk gone meanwhile is skipped, header and all.
            var memory = pipe.GetMemory(ChunkFrames.HeaderLength + chunk.Length);
            var length = await store.ReadAsync(chunk.Id, memory.Slice(ChunkFrames.HeaderLength, chunk.Length), cancellationToken).ConfigureAwait(false);
            if (length < 0)
            {
                continue;
            }

            chunk.Id.CopyTo(memory.Span);
            BinaryPrimitives.WriteInt32LittleEndian(memory.Span[ChunkFrames.IdLength..], length);
            pipe.Advance(ChunkFrames.HeaderLength + length);
            await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
