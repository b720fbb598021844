using System.Text;

namespace AeorDb.Grains.Services.Paths;

/// <summary>
/// Character classes of CONTRACT §1.6: <c>[abc]</c>, <c>[a-z]</c>, negated <c>[!x]</c> or <c>[^x]</c>.
/// A ']' right after the opening (or after the negation mark) is a member, '\' escapes one character,
/// and a negated class never matches '/', as no wildcard does.
/// </summary>
internal static class GlobClass
{
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

    /// <summary>Appends the regex class for the glob class at <paramref name="open"/>; returns the index of its ']' or -1 with <paramref name="error"/> set.</summary>
    public static int Translate(string glob, int open, StringBuilder regex, out string? error)
    {
        error = null;
        var end = FindEnd(glob, open);
        if (end < 0)
        {
            error = "Invalid glob pattern: unterminated '['";
            return -1;
        }

        var members = new List<(char Value, bool Escaped)>(end - open);
        var i = open + 1;
        var negated = glob[i] == '!' || glob[i] == '^';
        if (negated)
        {
            i++;
        }

        for (; i < end; i++)
        {
            var escaped = glob[i] == '\\';
            if (escaped)
            {
                i++;
            }

            members.Add((glob[i], escaped));
        }

        regex.Append(negated ? "[^/" : "[");
        for (var m = 0; m < members.Count; m++)
        {
            var isRange = m + 2 < members.Count && members[m + 1] is ('-', false);
            if (isRange && members[m].Value > members[m + 2].Value)
            {
                error = $"Invalid glob pattern: range '{members[m].Value}-{members[m + 2].Value}' is out of order";
                return -1;
            }

            AppendMember(regex, members[m].Value);
            if (isRange)
            {
                regex.Append('-');
                AppendMember(regex, members[m + 2].Value);
                m += 2;
            }
        }

        regex.Append(']');
        return end;
    }

    private static void AppendMember(StringBuilder regex, char c)
    {
        if (c is '\\' or ']' or '[' or '^' or '-')
        {
            regex.Append('\\');
        }

        regex.Append(c);
    }
}
