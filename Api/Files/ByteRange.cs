namespace AeorDb.Api.Files;

/// <summary>How a <c>Range</c> header applies to a body.</summary>
internal enum RangeKind
{
    /// <summary>No range, another unit, or unparseable: send the whole body (200).</summary>
    Whole = 0,

    /// <summary>One satisfiable byte range (206).</summary>
    Partial = 1,

    /// <summary>416 with <c>Content-Range: bytes */size</c>.</summary>
    Unsatisfiable = 2,
}

/// <summary>A byte range of a body: <paramref name="Start"/> and <paramref name="Length"/> (both within the body).</summary>
internal readonly record struct ByteRange(long Start, long Length)
{
    public long End => Start + Length - 1;

    /// <summary>
    /// Parses a Range header per CONTRACT §4.2: <c>bytes=a-b</c>, <c>bytes=a-</c>, <c>bytes=-n</c> (end clamped);
    /// several ranges, a start past the end, end before start, <c>-0</c> or any range on an empty body are unsatisfiable.
    /// </summary>
    public static RangeKind Parse(string? header, long size, out ByteRange range)
    {
        range = new ByteRange(0, size);
        var value = header?.Trim();
        if (string.IsNullOrEmpty(value) || !value.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return RangeKind.Whole;
        }

        var spec = value["bytes=".Length..].Trim();
        if (spec.Contains(','))
        {
            return RangeKind.Unsatisfiable;
        }

        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return RangeKind.Whole;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (!TryDigits(first, out var start) | !TryDigits(last, out var end) || (first.Length == 0 && last.Length == 0))
        {
            return RangeKind.Whole;
        }

        if (size == 0)
        {
            return RangeKind.Unsatisfiable;
        }

        if (first.Length == 0)
        {
            // Suffix range: the last n bytes.
            if (end == 0)
            {
                return RangeKind.Unsatisfiable;
            }

            var length = Math.Min(end, size);
            range = new ByteRange(size - length, length);
            return RangeKind.Partial;
        }

        if (start >= size || (last.Length > 0 && end < start))
        {
            return RangeKind.Unsatisfiable;
        }

        var stop = last.Length == 0 ? size - 1 : Math.Min(end, size - 1);
        range = new ByteRange(start, stop - start + 1);
        return RangeKind.Partial;
    }

    private static bool TryDigits(string text, out long value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return true;
        }

        if (!text.All(char.IsAsciiDigit))
        {
            return false;
        }

        // Past long.MaxValue the number still means "beyond any end".
        value = long.TryParse(text, out var parsed) ? parsed : long.MaxValue;
        return true;
    }
}
