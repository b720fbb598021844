using System.Buffers;
using System.Text;

namespace AeorDb.Grains.Services.Paths;

/// <summary>
/// A compiled glob of CONTRACT §1.6, matched against a whole canonical path, case-sensitively.
/// </summary>
/// <remarks>
/// Hand-written because no .NET library has these semantics: Microsoft.Extensions.FileSystemGlobbing
/// matches file-system trees (relative paths, case-insensitive by default, no classes, braces or
/// negation) and <c>FileSystemName.MatchesSimpleExpression</c> lets <c>*</c> cross '/'. Translating to
/// <see cref="System.Text.RegularExpressions.Regex"/> was measured and refused: the backtracking engines
/// are exponential on globs like <c>*a*a*a*b</c>, which callers control (key rules, listing <c>glob</c>,
/// sync <c>paths</c>), and the non-backtracking engine takes milliseconds to construct each pattern.
/// This matcher compiles in microseconds and runs the glob as a Thompson automaton, one pass over the
/// path keeping the set of live steps: time O(path × glob) for any pattern. Braces are expanded first
/// (<see cref="GlobBraceExpander"/>), so whether a <c>**</c> fills a whole segment is decided on plain
/// text: <c>/x/{a,b/**}</c> is <c>/x/a</c> or <c>/x/b/**</c>. Characters are Unicode scalar values, so
/// <c>?</c> matches one emoji.
/// </remarks>
internal sealed class GlobPattern
{
    /// <summary>Bytes counted per step and per alternative array in <see cref="EstimatedBytes"/>.</summary>
    private const int TokenBytes = 16;
    private const int ArrayBytes = 32;
    private const int ClassBytes = 96;

    private readonly GlobToken[][] _alternatives;
    private readonly string? _literal;
    private readonly bool _matchesEverything;
    private readonly bool _negated;

    private GlobPattern(GlobToken[][] alternatives, bool negated)
    {
        _alternatives = alternatives;
        _negated = negated;
        _matchesEverything = alternatives.Any(a => a is [{ Kind: GlobTokenKind.GlobStar }]);
        if (alternatives is [var only] && only.All(t => t.Kind == GlobTokenKind.Literal))
        {
            _literal = string.Concat(only.Select(t => t.Literal.ToString()));
        }

        EstimatedBytes = 64 + (2L * (_literal?.Length ?? 0)) + alternatives.Sum(tokens =>
            ArrayBytes + (TokenBytes * (long)tokens.Length) + (ClassBytes * (long)tokens.Count(t => t.Class is not null)));
    }

    /// <summary>An estimate of the memory this compiled glob holds, for the byte-bounded cache.</summary>
    public long EstimatedBytes { get; }

    /// <summary>True when the glob matches the whole of <paramref name="path"/>.</summary>
    public bool IsMatch(string path)
    {
        bool matched;
        if (_matchesEverything)
        {
            matched = true;
        }
        else if (_literal is not null)
        {
            matched = string.Equals(_literal, path, StringComparison.Ordinal);
        }
        else
        {
            matched = MatchAny(path);
        }

        return matched != _negated;
    }

    /// <summary>
    /// Compiles <paramref name="glob"/>; on failure returns null and says why in <paramref name="error"/>: malformed,
    /// more than <paramref name="maxAlternatives"/> brace alternatives, or alternatives longer than
    /// <paramref name="maxExpandedLength"/> characters together.
    /// </summary>
    public static GlobPattern? TryCompile(string glob, int maxAlternatives, int maxExpandedLength, out string? error)
    {
        var negated = false;
        var start = 0;
        while (start < glob.Length && glob[start] == '!')
        {
            negated = !negated;
            start++;
        }

        var expanded = GlobBraceExpander.Expand(glob[start..], maxAlternatives, out error);
        if (expanded is null)
        {
            return null;
        }

        if (expanded.Sum(alternative => (long)alternative.Length) > maxExpandedLength)
        {
            error = $"Invalid glob pattern: its alternatives hold more than {maxExpandedLength} characters";
            return null;
        }

        var alternatives = new GlobToken[expanded.Count][];
        for (var i = 0; i < expanded.Count; i++)
        {
            var tokens = GlobTokenizer.Tokenize(expanded[i], out error);
            if (tokens is null)
            {
                return null;
            }

            alternatives[i] = tokens;
        }

        return new GlobPattern(alternatives, negated);
    }

    private bool MatchAny(string path)
    {
        var runes = ArrayPool<Rune>.Shared.Rent(path.Length);
        try
        {
            var count = 0;
            foreach (var rune in path.EnumerateRunes())
            {
                runes[count++] = rune;
            }

            foreach (var tokens in _alternatives)
            {
                if (Match(tokens, runes.AsSpan(0, count)))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            ArrayPool<Rune>.Shared.Return(runes);
        }
    }

    /// <summary>
    /// Simulates the automaton whose state i means "steps before i are matched". Every empty move goes
    /// forward (a run may match nothing; a <see cref="GlobTokenKind.GlobStarSlash"/> may skip itself and
    /// its rest), so one forward pass closes a state set.
    /// </summary>
    private static bool Match(GlobToken[] tokens, ReadOnlySpan<Rune> path)
    {
        var states = tokens.Length + 1;
        Span<bool> current = states <= 512 ? stackalloc bool[states] : new bool[states];
        Span<bool> next = states <= 512 ? stackalloc bool[states] : new bool[states];
        current[0] = true;
        Close(tokens, current);
        foreach (var c in path)
        {
            next.Clear();
            var alive = false;
            for (var i = 0; i < tokens.Length; i++)
            {
                if (!current[i])
                {
                    continue;
                }

                var token = tokens[i];
                switch (token.Kind)
                {
                    case GlobTokenKind.Star when c.Value != '/':
                    case GlobTokenKind.GlobStar:
                        next[i] = alive = true;
                        break;
                    case GlobTokenKind.GlobStarSlash:
                        next[i + 1] = alive = true;
                        next[i + 2] |= c.Value == '/';
                        break;
                    case GlobTokenKind.SegmentRunRest:
                        next[i] = alive = true;
                        next[i + 1] |= c.Value == '/';
                        break;
                    default:
                        if (token.Consumes(c))
                        {
                            next[i + 1] = alive = true;
                        }

                        break;
                }
            }

            if (!alive)
            {
                return false;
            }

            Close(tokens, next);
            var swap = current;
            current = next;
            next = swap;
        }

        return current[tokens.Length];
    }

    private static void Close(GlobToken[] tokens, Span<bool> states)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!states[i])
            {
                continue;
            }

            if (tokens[i].Kind is GlobTokenKind.Star or GlobTokenKind.GlobStar)
            {
                states[i + 1] = true;
            }
            else if (tokens[i].Kind == GlobTokenKind.GlobStarSlash)
            {
                states[i + 2] = true;
            }
        }
    }
}
