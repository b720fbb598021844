namespace AeorDb.Api.Files;

/// <summary>
/// The route capture of a path-taking request, percent-decoded from the raw request target (CONTRACT §1.5
/// step 1). ASP.NET decodes route values except <c>%2F</c>, so the raw target is decoded here instead.
/// </summary>
internal static class PathCapture
{
    /// <summary>
    /// The decoded capture after <paramref name="prefix"/> (one separating '/' removed) and whether the raw path
    /// ends in '/'; falls back to <paramref name="routeValue"/> when the raw target does not start with the prefix.
    /// </summary>
    public static (string Capture, bool TrailingSlash) Decode(string? rawTarget, string prefix, string? routeValue)
    {
        var raw = rawTarget ?? string.Empty;
        var end = raw.IndexOfAny(['?', '#']);
        if (end >= 0)
        {
            raw = raw[..end];
        }

        if (!raw.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || (raw.Length > prefix.Length && raw[prefix.Length] != '/'))
        {
            var value = routeValue ?? string.Empty;
            return (value, value.Length == 0 || value.EndsWith('/'));
        }

        var rest = raw[prefix.Length..];
        var trailingSlash = rest.EndsWith('/');
        if (rest.StartsWith('/'))
        {
            rest = rest[1..];
        }

        return (Uri.UnescapeDataString(rest), trailingSlash);
    }
}
