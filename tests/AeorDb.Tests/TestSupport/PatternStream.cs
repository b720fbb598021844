namespace AeorDb.Tests.TestSupport;

/// <summary>
/// A read-only stream of <c>length</c> pseudo-random bytes (xorshift, fixed seed) that never repeats a chunk, so a large
/// body can be uploaded without holding it in memory and without the store deduplicating its chunks.
/// </summary>
public sealed class PatternStream(long length, ulong seed = 0x9E3779B97F4A7C15) : Stream
{
    private ulong _state = seed | 1;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position) & ~7;
        if (count == 0 && _position < length)
        {
            count = (int)Math.Min(buffer.Length, length - _position);
        }

        for (var i = 0; i < count; i++)
        {
            if ((i & 7) == 0)
            {
                _state ^= _state << 13;
                _state ^= _state >> 7;
                _state ^= _state << 17;
            }

            buffer[i] = (byte)(_state >> ((i & 7) * 8));
        }

        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
