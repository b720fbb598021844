using System.Text;

namespace AeorDb.Grains.Services.Paths;

/// <summary>
/// A character class of CONTRACT §1.6: <c>[abc]</c>, <c>[a-z]</c>, negated <c>[!x]</c> or <c>[^x]</c>.
/// A ']' right after the opening (or after the negation mark) is a member, '\' escapes one character,
/// and a negated class never matches '/', as no wildcard does.
/// </summary>
internal sealed class GlobClass
{
    private readonly (Rune Low, Rune High)[] _ranges;
    private readonly bool _negated;

    private GlobClass((Rune Low, Rune High)[] ranges, bool negated)
    {
        _ranges = ranges;
        _negated = negated;
    }

    /// <summary>True when <paramref name="c"/> belongs to the class.</summary>
    public bool Contains(Rune c)
    {
        if (_negated && c.Value == '/')
        {
            return false;
        }

        foreach (var (low, high) in _ranges)
        {
            if (c >= low && c <= high)
            {
                return !_negated;
            }
        }

        return _negated;
    }

    /// <summary>Index of the ']' closing the class opened at <paramref name="open"/>, or -1 when it is not closed.</summary>
    public static int FindEnd(string glob, int open)
    {
        var i = open + 1;
        if (i < glob.Length && (glob[i] == '!' || glob[i] == '^'))
        {
            i++;
        }

        var first = i;
        for (; i < glob.Length; i++)
        {
            if (glob[i] == '\\')
            {
                i++;
            }
            else if (glob[i] == ']' && i != first)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Parses the class opened at <paramref name="open"/>; null with <paramref name="error"/> when malformed. <paramref name="end"/> is its ']'.</summary>
    public static GlobClass? Parse(string glob, int open, out int end, out string? error)
    {
        error = null;
        end = FindEnd(glob, open);
        if (end < 0)
        {
            error = "Invalid glob pattern: unterminated '['";
            return null;
        }

        var members = new List<(Rune Value, bool Escaped)>(end - open);
        var i = open + 1;
        var negated = glob[i] == '!' || glob[i] == '^';
        if (negated)
        {
            i++;
        }

        while (i < end)
        {
            var escaped = glob[i] == '\\';
            if (escaped)
            {
                i++;
            }

            Rune.DecodeFromUtf16(glob.AsSpan(i, end - i), out var rune, out var consumed);
            members.Add((rune, escaped));
            i += consumed;
        }

        var ranges = new List<(Rune, Rune)>(members.Count);
        for (var m = 0; m < members.Count; m++)
        {
            var isRange = m + 2 < members.Count && members[m + 1] is { Value.Value: '-', Escaped: false };
            if (!isRange)
            {
                ranges.Add((members[m].Value, members[m].Value));
                continue;
            }

            if (members[m].Value > members[m + 2].Value)
            {
                error = $"Invalid glob pattern: range '{members[m].Value}-{members[m + 2].Value}' is out of order";
                return null;
            }

            ranges.Add((members[m].Value, members[m + 2].Value));
            m += 2;
        }

        return new GlobClass([.. ranges], negated);
    }
}
