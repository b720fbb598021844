using System.Text;

namespace AeorDb.Grains.Services.Paths;

/// <summary>Turns one brace-free glob into matcher steps (see <see cref="GlobPattern"/>).</summary>
internal static class GlobTokenizer
{
    /// <summary>The steps of <paramref name="glob"/>, or null with <paramref name="error"/> when malformed.</summary>
    public static GlobToken[]? Tokenize(string glob, out string? error)
    {
        error = null;
        var tokens = new List<GlobToken>(glob.Length);
        var afterSlash = true;
        var i = 0;
        while (i < glob.Length)
        {
            var c = glob[i];
            if (c == '*')
            {
                i = AddStars(glob, i, afterSlash, tokens);
                afterSlash = glob[i - 1] == '/';
                continue;
            }

            if (c == '?')
            {
                tokens.Add(new GlobToken(GlobTokenKind.AnyCharacter));
                i++;
            }
            else if (c == '[')
            {
                var set = GlobClass.Parse(glob, i, out var end, out error);
                if (set is null)
                {
                    return null;
                }

                tokens.Add(new GlobToken(GlobTokenKind.Class, Class: set));
                i = end + 1;
            }
            else
            {
                if (c == '\\' && ++i == glob.Length)
                {
                    error = "Invalid glob pattern: trailing '\\'";
                    return null;
                }

                Rune.DecodeFromUtf16(glob.AsSpan(i), out var rune, out var consumed);
                tokens.Add(new GlobToken(GlobTokenKind.Literal, rune));
                i += consumed;
                afterSlash = rune.Value == '/';
                continue;
            }

            afterSlash = false;
        }

        return [.. tokens];
    }

    /// <summary>
    /// Adds the step for a run of stars starting at <paramref name="index"/> and returns the index after
    /// what it consumed. A double star filling a whole segment crosses '/': at the end it matches any
    /// rest (so "/assets/**" matches "/assets/" and everything below, not "/assets"); followed by '/'
    /// it takes that '/' and matches zero or more whole segments. Any other run of stars stays inside
    /// one segment.
    /// </summary>
    private static int AddStars(string glob, int index, bool afterSlash, List<GlobToken> tokens)
    {
        var end = index + 1;
        while (end < glob.Length && glob[end] == '*')
        {
            end++;
        }

        var isDouble = end - index > 1;
        var atEnd = end == glob.Length;
        var beforeSlash = !atEnd && glob[end] == '/';
        if (!isDouble || !afterSlash || !(atEnd || beforeSlash))
        {
            tokens.Add(new GlobToken(GlobTokenKind.Star));
            return end;
        }

        if (atEnd)
        {
            tokens.Add(new GlobToken(GlobTokenKind.GlobStar));
            return end;
        }

        tokens.Add(new GlobToken(GlobTokenKind.GlobStarSlash));
        tokens.Add(new GlobToken(GlobTokenKind.SegmentRunRest));
        return end + 1;
    }
}
