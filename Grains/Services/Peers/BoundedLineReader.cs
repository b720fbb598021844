using System.Text;

namespace AeorDb.Grains.Services.Peers;

/// <summary>
/// Reads UTF-8 lines (ended by LF, an optional CR before it dropped) from a peer's event stream keeping at most
/// <c>maxLineBytes</c> of any line: the rest of a longer line is read and thrown away, and the line comes back
/// marked too long. A peer that never sends a newline costs bandwidth, never memory.
/// </summary>
internal sealed class BoundedLineReader(Stream stream, int maxLineBytes)
{
    private readonly byte[] _buffer = new byte[8192];
    private readonly MemoryStream _line = new();
    private int _start;
    private int _end;

    /// <summary>The next line and whether it was cut; null at the end of the stream (a last line without LF included).</summary>
    public async ValueTask<(string Text, bool TooLong)?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.SetLength(0);
        var tooLong = false;
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                if (_end == 0)
                {
                    return _line.Length == 0 && !tooLong ? null : (Decode(), tooLong);
                }
            }

            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            var take = Math.Min(stop - _start, maxLineBytes - (int)_line.Length);
            if (take < stop - _start)
            {
                tooLong = true;
            }

            _line.Write(_buffer, _start, take);
            _start = newline < 0 ? _end : newline + 1;
            if (newline >= 0)
            {
                return (Decode(), tooLong);
            }
        }
    }

    private string Decode()
    {
        var bytes = _line.GetBuffer().AsSpan(0, (int)_line.Length);
        if (bytes.Length > 0 && bytes[^1] == '\r')
        {
            bytes = bytes[..^1];
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
