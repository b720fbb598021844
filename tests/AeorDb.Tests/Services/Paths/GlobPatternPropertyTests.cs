using System.Text;
using System.Text.RegularExpressions;
using AeorDb.Grains.Services.Paths;
using CsCheck;
using Xunit;

namespace AeorDb.Tests.Services.Paths;

/// <summary>The glob automaton against a straightforward regex translation of the same rules, on small random globs and paths.</summary>
public sealed class GlobPatternPropertyTests
{
    private static readonly Gen<string> _globs =
        Gen.OneOf<string>("a", "b", "/", "*", "**", "?", "[ab]", "[!a]", "[a-b]").Array[0, 7].Select(parts => string.Concat(parts));

    private static readonly Gen<string> _paths =
        Gen.OneOf<string>("a", "b", "c", "/").Array[0, 9].Select(parts => string.Concat(parts));

    [Fact]
    public void GlobMatches_RandomGlobsAndPaths_AgreesWithRegexReference()
    {
        var rules = new PathRules();
        Gen.Select(_globs, _paths).Sample((glob, path) =>
        {
            var expected = Reference(glob).IsMatch(path);
            Assert.True(expected == rules.GlobMatches(glob, path), $"glob '{glob}' path '{path}' expected {expected}");
        }, iter: 20_000);
    }

    /// <summary>Regex for a brace-free, escape-free glob: '*' and '?' within a segment, whole-segment '**' across.</summary>
    private static Regex Reference(string glob)
    {
        var regex = new StringBuilder("\\A");
        for (var i = 0; i < glob.Length; i++)
        {
            switch (glob[i])
            {
                case '*':
                    var end = i;
                    while (end + 1 < glob.Length && glob[end + 1] == '*')
                    {
                        end++;
                    }

                    var whole = end > i && (i == 0 || glob[i - 1] == '/') && (end + 1 == glob.Length || glob[end + 1] == '/');
                    if (!whole)
                    {
                        regex.Append("[^/]*");
                    }
                    else if (end + 1 == glob.Length)
                    {
                        regex.Append(".*");
                    }
                    else
                    {
                        regex.Append("(?:.*/)?");
                        end++;
                    }

                    i = end;
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var close = glob.IndexOf(']', i);
                    var body = glob[(i + 1)..close];
                    regex.Append(body.StartsWith('!') ? "[^/" + body[1..] + "]" : "[" + body + "]");
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(glob[i].ToString()));
                    break;
            }
        }

        return new Regex(regex.Append("\\z").ToString(), RegexOptions.Singleline);
    }
}
