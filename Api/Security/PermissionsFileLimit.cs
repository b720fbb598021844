namespace AeorDb.Api.Security;

/// <summary>Which uploads <see cref="ResourceLimitOptions.PermissionsFileLimit"/> bounds: a directory's <c>.aeordb-permissions</c> file.</summary>
internal static class PermissionsFileLimit
{
    /// <summary>The permissions file's name (CONTRACT §1.7).</summary>
    public const string FileName = ".aeordb-permissions";

    /// <summary>True when <paramref name="canonicalPath"/> names a permissions file.</summary>
    public static bool AppliesTo(string canonicalPath) =>
        canonicalPath.EndsWith("/" + FileName, StringComparison.Ordinal);
}
