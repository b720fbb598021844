using AeorDb.Grains.Services.Merkle;

namespace AeorDb.Grains.Services.Merge;

/// <summary>Where CONTRACT §7.4 keeps a path's conflict: <c>/.aeordb-conflicts&lt;path&gt;/</c>.</summary>
internal static class ConflictPaths
{
    /// <summary>The namespace root.</summary>
    public const string Root = "/.aeordb-conflicts";

    /// <summary>The record's file name.</summary>
    public const string MetaName = ".meta";

    /// <summary>
    /// The loser's entry beside the record: a file or symlink pointing at the losing version, so its bytes stay
    /// reachable from HEAD (never reclaimable) until the conflict is resolved.
    /// </summary>
    public const string LoserName = ".loser";

    /// <summary>The record of <paramref name="path"/>.</summary>
    public static string Meta(string path) => Root + path + "/" + MetaName;

    /// <summary>The loser's entry of <paramref name="path"/>.</summary>
    public static string Loser(string path) => Root + path + "/" + LoserName;

    /// <summary>True for paths inside the conflict namespace: their own changes merge by LWW without records of their own.</summary>
    public static bool IsConflictPath(string path) =>
        path == Root || path.StartsWith(Root + "/", StringComparison.Ordinal);

    /// <summary>
    /// True for a path the merge engine records conflicts for, and so the only paths a record may name and a
    /// resolution may write: a canonical user path, never "/", the system namespaces (<c>/.aeordb-system</c>,
    /// <c>/.aeordb-config</c>, which settle by LWW alone) or the conflict namespace itself.
    /// </summary>
    public static bool IsRecordable(string path) =>
        path != TreePaths.Root && TreePaths.IsCanonical(path) && !TreePaths.IsSystem(path) && !IsConflictPath(path);

    /// <summary>The contested path of a record path, or null when it is not a record path.</summary>
    public static string? PathOfMeta(string metaPath) =>
        metaPath.StartsWith(Root + "/", StringComparison.Ordinal) && metaPath.EndsWith("/" + MetaName, StringComparison.Ordinal)
            && metaPath.Length > Root.Length + MetaName.Length + 1
            ? metaPath[Root.Length..^(MetaName.Length + 1)]
            : null;
}
