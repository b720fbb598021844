namespace AeorDb.Grains.Services.Merkle;

/// <summary>
/// Path arithmetic on canonical paths (CONTRACT §1.5) for the tree. The tree trusts callers to
/// canonicalise, but checks the shape so a malformed path is refused instead of corrupting HEAD.
/// </summary>
internal static class TreePaths
{
    public const string Root = "/";

    private const string SystemPrefix = "/.aeordb-system";
    private const string ConfigPrefix = "/.aeordb-config";

    /// <summary>True for "/" and for "/a/b" shapes: leading slash, no trailing slash, no empty, "." or ".." segment, no NUL.</summary>
    public static bool IsCanonical(string path)
    {
        if (path == Root)
        {
            return true;
        }

        if (path.Length < 2 || path[0] != '/' || path[^1] == '/' || path.Contains('\0'))
        {
            return false;
        }

        foreach (var segment in path.AsSpan(1).Split('/'))
        {
            var name = path.AsSpan(1)[segment];
            if (name.IsEmpty || name is "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parent of a canonical path; "/" for top-level entries.</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? Root : path[..slash];
    }

    /// <summary>Last segment of a canonical path; "" for "/".</summary>
    public static string Name(string path) => path == Root ? string.Empty : path[(path.LastIndexOf('/') + 1)..];

    /// <summary>Child path of a directory.</summary>
    public static string Combine(string directory, string name) => directory == Root ? "/" + name : directory + "/" + name;

    /// <summary>Number of segments: 0 for "/".</summary>
    public static int Depth(string path) => path == Root ? 0 : path.Count(c => c == '/');

    /// <summary>True for the reserved system namespaces and everything below them, whose objects are SYSTEM-flagged.</summary>
    public static bool IsSystem(string path) => IsUnder(path, SystemPrefix) || IsUnder(path, ConfigPrefix);

    /// <summary>The proper ancestors of a canonical path, nearest first, ending with "/".</summary>
    public static IEnumerable<string> Ancestors(string path)
    {
        while (path != Root)
        {
            path = Parent(path);
            yield return path;
        }
    }

    private static bool IsUnder(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) && (path.Length == prefix.Length || path[prefix.Length] == '/');
}
