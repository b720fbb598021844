using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AeorDb.Api.Files;

/// <summary>Sort keys of a directory listing (CONTRACT §4.2).</summary>
internal enum ListingSort
{
    Name = 0,
    Size = 1,
    CreatedAt = 2,
    UpdatedAt = 3,
}

/// <summary>The query parameters of <c>GET /files/{path}</c> (CONTRACT §4.2).</summary>
/// <param name="Limit">Page size; null for all.</param>
/// <param name="Offset">Items skipped (clamped to the total when paging).</param>
/// <param name="Sort">Sort key; name by default.</param>
/// <param name="Descending">True for <c>order=desc</c>.</param>
/// <param name="Depth">Levels below the children: 0 children only, negative unlimited, at most 256.</param>
/// <param name="Glob">Filter on name, relative path or full path; implies an unlimited depth unless one is given.</param>
/// <param name="NoFollow">On a symlink, describe it instead of following it.</param>
/// <param name="Version">Root hash of a historical read.</param>
/// <param name="Snapshot">Snapshot name of a historical read (wins over the version).</param>
internal sealed record ListingQuery(int? Limit, int Offset, ListingSort Sort, bool Descending, int Depth, string? Glob, bool NoFollow, string? Version, string? Snapshot)
{
    /// <summary>Deepest recursive listing (CONTRACT §4.2).</summary>
    public const int MaxDepth = 256;

    public static readonly ListingQuery Default = new(null, 0, ListingSort.Name, false, 0, null, false, null, null);

    /// <summary>
    /// Most items one page may carry (<see cref="ApiOptions.MaxListingPage"/>): a larger <c>limit</c> is lowered to it,
    /// and a listing without <c>limit</c> that holds more answers this many with <c>limit</c> set to it, so the caller
    /// sees <c>total</c> and pages on.
    /// </summary>
    public int PageCap { get; init; } = int.MaxValue;

    /// <summary>The parsed query, or the reason it is a 400.</summary>
    public static (ListingQuery? Query, string? Error) Parse(IQueryCollection query, int pageCap = int.MaxValue)
    {
        if (!TryInt(query, "limit", out var limit) || limit < 0)
        {
            return (null, "Invalid 'limit': expected a non-negative integer");
        }

        limit = limit > pageCap ? pageCap : limit;

        if (!TryInt(query, "offset", out var offset) || offset < 0)
        {
            return (null, "Invalid 'offset': expected a non-negative integer");
        }

        if (!TryInt(query, "depth", out var depth))
        {
            return (null, "Invalid 'depth': expected an integer");
        }

        var glob = Text(query, "glob");
        var effectiveDepth = depth switch
        {
            null => glob is null ? 0 : -1,
            < 0 => -1,
            _ => Math.Min(depth.Value, MaxDepth),
        };
        var sort = Text(query, "sort")?.ToLowerInvariant() switch
        {
            "size" => ListingSort.Size,
            "created_at" => ListingSort.CreatedAt,
            "updated_at" => ListingSort.UpdatedAt,
            _ => ListingSort.Name,
        };
        var descending = string.Equals(Text(query, "order"), "desc", StringComparison.OrdinalIgnoreCase);
        var noFollow = Text(query, "nofollow") is { } flag && (flag.Equals("true", StringComparison.OrdinalIgnoreCase) || flag == "1");
        return (new ListingQuery(limit, offset ?? 0, sort, descending, effectiveDepth, glob, noFollow, Text(query, "version"), Text(query, "snapshot")) { PageCap = pageCap }, null);
    }

    private static string? Text(IQueryCollection query, string name)
    {
        var value = query[name].ToString();
        return value.Length == 0 ? null : value;
    }

    private static bool TryInt(IQueryCollection query, string name, out int? value)
    {
        value = null;
        var text = Text(query, name);
        if (text is null)
        {
            return true;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        value = (int)Math.Clamp(parsed, int.MinValue, int.MaxValue);
        return true;
    }
}
