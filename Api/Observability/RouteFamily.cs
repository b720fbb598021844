using Microsoft.AspNetCore.Http;

namespace AeorDb.Api.Observability;

/// <summary>
/// The route family of a request: its first path segment when it names one of the node's route groups, else
/// <c>other</c>. A closed set of constant strings, so metric series stay bounded whatever paths clients send and
/// tagging a request allocates nothing.
/// </summary>
internal static class RouteFamily
{
    public const string Files = "files";
    public const string Other = "other";

    private static readonly string[] Families =
    [
        Files, "auth", "sync", "system", "links", "blobs", "admin", "health", "metrics", "dashboard", "openapi", "console",
    ];

    private static readonly PathString[] Prefixes = Families.Select(family => new PathString("/" + family)).ToArray();

    /// <summary>The family of <paramref name="path"/>.</summary>
    public static string Of(PathString path)
    {
        for (var i = 0; i < Prefixes.Length; i++)
        {
            if (path.StartsWithSegments(Prefixes[i], StringComparison.OrdinalIgnoreCase))
            {
                return Families[i];
            }
        }

        return Other;
    }
}
