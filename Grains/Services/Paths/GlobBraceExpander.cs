using System.Text;

namespace AeorDb.Grains.Services.Paths;

/// <summary>
/// Expands the alternations of a glob (<c>{a,b}</c>, nested allowed) into brace-free globs. Escapes and
/// character classes pass through untouched, so <c>\{</c> and <c>[{]</c> are not alternations; a comma
/// outside braces is an ordinary character, and so is a '}' closing nothing.
/// </summary>
internal static class GlobBraceExpander
{
    /// <summary>The brace-free alternatives in order, or null (with <paramref name="error"/>) when a '{' is not closed or expand to more than <paramref name="maxAlternatives"/>.</summary>
    public static List<string>? Expand(string glob, int maxAlternatives, out string? error)
    {
        error = null;
        var index = 0;
        var result = ExpandSequence(glob, ref index, nested: false, maxAlternatives, ref error);
        return error is null ? result : null;
    }

    private static List<string> ExpandSequence(string glob, ref int index, bool nested, int maxAlternatives, ref string? error)
    {
        var results = new List<string> { string.Empty };
        var pending = new StringBuilder();
        while (index < glob.Length && error is null)
        {
            var c = glob[index];
            if (c == '\\')
            {
                var length = Math.Min(2, glob.Length - index);
                pending.Append(glob, index, length);
                index += length;
            }
            else if (c == '[')
            {
                var end = GlobClass.FindEnd(glob, index);
                var length = end < 0 ? 1 : end - index + 1;
                pending.Append(glob, index, length);
                index += length;
            }
            else if (c == '{')
            {
                index++;
                var alternatives = ExpandAlternation(glob, ref index, maxAlternatives, ref error);
                results = Product(results, pending.ToString(), alternatives, maxAlternatives, ref error);
                pending.Clear();
            }
            else if (nested && (c == ',' || c == '}'))
            {
                break;
            }
            else
            {
                pending.Append(c);
                index++;
            }
        }

        return Product(results, pending.ToString(), [string.Empty], maxAlternatives, ref error);
    }

    /// <summary>Reads the alternatives after a '{' up to and including its '}'.</summary>
    private static List<string> ExpandAlternation(string glob, ref int index, int maxAlternatives, ref string? error)
    {
        var alternatives = new List<string>();
        while (error is null)
        {
            alternatives.AddRange(ExpandSequence(glob, ref index, nested: true, maxAlternatives, ref error));
            if (alternatives.Count > maxAlternatives)
            {
                error = $"Invalid glob pattern: more than {maxAlternatives} alternatives";
            }
            else if (index >= glob.Length)
            {
                error = "Invalid glob pattern: unterminated '{'";
            }
            else if (glob[index++] == '}')
            {
                break;
            }
        }

        return alternatives;
    }

    private static List<string> Product(List<string> prefixes, string middle, List<string> suffixes, int maxAlternatives, ref string? error)
    {
        if ((long)prefixes.Count * suffixes.Count > maxAlternatives)
        {
            error = $"Invalid glob pattern: more than {maxAlternatives} alternatives";
            return prefixes;
        }

        var product = new List<string>(prefixes.Count * suffixes.Count);
        foreach (var prefix in prefixes)
        {
            foreach (var suffix in suffixes)
            {
                product.Add(prefix + middle + suffix);
            }
        }

        return product;
    }
}
