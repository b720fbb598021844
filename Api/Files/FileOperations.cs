using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Files;

/// <summary>
/// The permission operations of a write (CONTRACT §3.6 "Operation per request"). Every write route states its
/// write as the PUT and DELETE operations it amounts to and has <see cref="PathAccess.CheckWriteAsync"/> check
/// all of them, so a PATCH (rename, merge patch) needs exactly what the equivalent PUT/DELETE sequence needs.
/// </summary>
internal static class FileOperations
{
    /// <summary>PUT: <c>y</c> at or under <c>.aeordb-config</c> / <c>.aeordb-permissions</c>, <c>f</c> for <c>.aeordb-functions</c>, else <c>u</c> for an existing path and <c>c</c> for a new one.</summary>
    public static Operation ForPut(string canonicalPath, bool exists) =>
        SpecialOperation(canonicalPath) ?? (exists ? Operation.Update : Operation.Create);

    /// <summary>A PUT (file, link, or merge patch) at <paramref name="path"/>.</summary>
    public static PathOperation[] Put(string path, bool exists) => [new(path, ForPut(path, exists))];

    /// <summary>
    /// A DELETE of <paramref name="path"/>: <c>d</c>, plus <c>y</c> (or <c>f</c>) where a PUT would need it, since removing a
    /// permissions or config file changes the grants as much as rewriting it does.
    /// </summary>
    public static PathOperation[] Delete(string path) =>
        SpecialOperation(path) is { } special ? [new(path, Operation.Delete), new(path, special)] : [new(path, Operation.Delete)];

    /// <summary>A rename: a PUT at the destination (<c>u</c> when it replaces an entry there, else <c>c</c>) and a DELETE of the source.</summary>
    public static PathOperation[] Rename(string from, string to, bool destinationExists) =>
        [.. Delete(from), .. Put(to, destinationExists)];

    /// <summary><c>y</c> at or under a config or permissions segment, <c>f</c> under a functions segment, else null.</summary>
    private static Operation? SpecialOperation(string canonicalPath)
    {
        if (!canonicalPath.Contains(".aeordb-", StringComparison.Ordinal))
        {
            return null; // no such segment, whether or not the path starts with '/': no split on the PUT path
        }

        foreach (var segment in canonicalPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment is ".aeordb-config" or ".aeordb-permissions")
            {
                return Operation.Configure;
            }

            if (segment == ".aeordb-functions")
            {
                return Operation.Deploy;
            }
        }

        return null;
    }
}
