using System.Net;

namespace AeorDb.Bench.Http;

/// <summary>
/// A request body served straight from caller-owned memory in 1 MiB writes, with a Content-Length:
/// the 256 MiB upload then costs no copy beyond what the socket needs.
/// </summary>
internal sealed class MemoryContent : HttpContent
{
    private const int SliceBytes = 1 << 20;
    private readonly ReadOnlyMemory<byte> _data;

    public MemoryContent(ReadOnlyMemory<byte> data, string contentType)
    {
        _data = data;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < _data.Length; offset += SliceBytes)
        {
            var slice = _data.Slice(offset, Math.Min(SliceBytes, _data.Length - offset));
            await stream.WriteAsync(slice, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _data.Length;
        return true;
    }
}
