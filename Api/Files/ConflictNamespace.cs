namespace AeorDb.Api.Files;

/// <summary>The conflict records' namespace (CONTRACT §7.4), as the write routes see it: written only by sync.</summary>
internal static class ConflictNamespace
{
    /// <summary>The namespace root.</summary>
    public const string Root = "/.aeordb-conflicts";

    /// <summary>True for the namespace root and every path below it.</summary>
    public static bool Contains(string canonicalPath) =>
        canonicalPath == Root || canonicalPath.StartsWith(Root + "/", StringComparison.Ordinal);
}
