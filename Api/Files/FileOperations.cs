using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Files;

/// <summary>The permission operation of a write (CONTRACT §3.6).</summary>
internal static class FileOperations
{
    /// <summary>PUT: <c>y</c> at or under <c>.aeordb-config</c> / <c>.aeordb-permissions</c>, <c>f</c> for <c>.aeordb-functions</c>, else <c>u</c> for an existing path and <c>c</c> for a new one.</summary>
    public static Operation ForPut(string canonicalPath, bool exists)
    {
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

        return exists ? Operation.Update : Operation.Create;
    }
}
