using System.Text;
using System.Text.RegularExpressions;

namespace AeorDb.Grains.Services.Paths;

/// <summary>
/// A compiled glob of CONTRACT §1.6, matched against a whole canonical path, case-sensitively.
/// </summary>
/// <remarks>
/// No .NET library has these semantics: Microsoft.Extensions.FileSystemGlobbing matches file-system
/// trees (relative paths, case-insensitive by default, no classes, braces or negation) and
/// <c>FileSystemName.MatchesSimpleExpression</c> lets <c>*</c> cross <c>/</c>. So the glob is translated
/// here into a regular expression run by the non-backtracking engine: globs come from API keys and
/// query strings, and that engine matches in time linear in the path whatever the pattern, so no
/// glob can make a match slow. Braces are expanded before translation, so whether a <c>**</c> fills a
/// whole segment is decided on plain text (<c>/x/{a,b/**}</c> is <c>/x/a</c> or <c>/x/b/**</c>).
/// </remarks>
internal sealed class GlobPattern
{
    /// <summary>Most alternatives one glob may expand to (<c>{a,b}{c,d}</c> is four); more is refused.</summary>
    public const int MaxAlternatives = 1024;

    private const string AnyCharacterExceptSlash = "(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[^/])";

    private readonly Regex? _regex;
    private readonly string? _literal;
    private readonly bool _matchesEverything;
    private readonly bool _negated;

    private GlobPattern(Regex? regex, string? literal, bool matchesEverything, bool negated)
    {
        _regex = regex;
        _literal = literal;
        _matchesEverything = matchesEverything;
        _negated = negated;
    }

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
            matched = _regex!.IsMatch(path);
        }

        return matched != _negated;
    }

    /// <summary>Compiles <paramref name="glob"/>; on failure returns null and says why in <paramref name="error"/>.</summary>
    public static GlobPattern? TryCompile(string glob, out string? error)
    {
        var negated = false;
        var start = 0;
        while (start < glob.Length && glob[start] == '!')
        {
            negated = !negated;
            start++;
        }

        var body = glob[start..];
        var alternatives = GlobBraceExpander.Expand(body, MaxAlternatives, out error);
        if (alternatives is null)
        {
            return null;
        }

        var translated = new List<string>(alternatives.Count);
        foreach (var alternative in alternatives)
        {
            var regex = Translate(alternative, out var literal, out error);
            if (regex is null)
            {
                return null;
            }

            if (alternatives.Count == 1 && literal is not null)
            {
                return new GlobPattern(null, literal, matchesEverything: false, negated);
            }

            if (regex == ".*")
            {
                return new GlobPattern(null, null, matchesEverything: true, negated);
            }

            translated.Add(regex);
        }

        try
        {
            var pattern = "\\A(?:" + string.Join("|", translated) + ")\\z";
            var options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.Singleline;
            return new GlobPattern(new Regex(pattern, options), null, matchesEverything: false, negated);
        }
        catch (ArgumentException exception)
        {
            error = $"Invalid glob pattern: {exception.Message}";
            return null;
        }
    }

    /// <summary>Regex text of one brace-free glob; <paramref name="literal"/> is the plain text when it has no wildcard.</summary>
    private static string? Translate(string glob, out string? literal, out string? error)
    {
        var regex = new StringBuilder(glob.Length * 2);
        var plain = new StringBuilder(glob.Length);
        var isLiteral = true;
        var afterSlash = true;
        error = null;
        literal = null;
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '\\':
                    if (i + 1 == glob.Length)
                    {
                        error = "Invalid glob pattern: trailing '\\'";
                        return null;
                    }

                    i++;
                    AppendLiteral(regex, plain, glob[i]);
                    afterSlash = glob[i] == '/';
                    continue;
                case '*':
                    isLiteral = false;
                    i = TranslateStar(glob, i, afterSlash, regex);
                    afterSlash = glob[i] == '/';
                    continue;
                case '?':
                    isLiteral = false;
                    regex.Append(AnyCharacterExceptSlash);
                    break;
                case '[':
                    isLiteral = false;
                    i = GlobClass.Translate(glob, i, regex, out error);
                    if (i < 0)
                    {
                        return null;
                    }

                    break;
                default:
                    AppendLiteral(regex, plain, c);
                    afterSlash = c == '/';
                    continue;
            }

            afterSlash = false;
        }

        literal = isLiteral ? plain.ToString() : null;
        return regex.ToString();
    }

    /// <summary>
    /// Translates a run of stars at <paramref name="index"/> and returns the index of its last character
    /// consumed. A double star filling a whole segment crosses '/': at the end it matches any rest
    /// (so "/assets/**" matches "/assets/" and everything below, not "/assets"); followed by '/' it
    /// matches zero or more whole segments. Anywhere else stars stay inside one segment.
    /// </summary>
    private static int TranslateStar(string glob, int index, bool afterSlash, StringBuilder regex)
    {
        var end = index;
        while (end + 1 < glob.Length && glob[end + 1] == '*')
        {
            end++;
        }

        var isDouble = end > index;
        var atEnd = end + 1 == glob.Length;
        var beforeSlash = !atEnd && glob[end + 1] == '/';
        if (!isDouble || !afterSlash || !(atEnd || beforeSlash))
        {
            regex.Append("[^/]*");
            return end;
        }

        if (atEnd)
        {
            regex.Append(".*");
            return end;
        }

        regex.Append("(?:.*/)?");
        return end + 1;
    }

    private static void AppendLiteral(StringBuilder regex, StringBuilder plain, char c)
    {
        plain.Append(c);
        regex.Append(Regex.Escape(c.ToString()));
    }
}
