using AeorDb.Grains.Interfaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AeorDb.Api.Files;

/// <summary>The path a file, link or blob request names: the decoded capture (echoed in messages) and its canonical form.</summary>
/// <param name="Capture">The percent-decoded capture without its leading slash, as the original echoes it.</param>
/// <param name="Path">The canonical path (CONTRACT §1.5).</param>
/// <param name="TrailingSlash">True when the request path ends in '/' (GET then lists).</param>
internal sealed record FileRequest(string Capture, string Path, bool TrailingSlash)
{
    public static FileRequest From(HttpContext context, IPathRules rules, string prefix)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var (capture, trailingSlash) = PathCapture.Decode(rawTarget, prefix, context.Request.RouteValues["path"] as string);
        return new(capture, rules.Canonicalize(capture), trailingSlash);
    }

    /// <summary>Control characters are refused in symlink paths and targets (CONTRACT §1.5).</summary>
    public static bool HasControlCharacters(string value) => value.Any(char.IsControl);
}
