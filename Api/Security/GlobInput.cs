using AeorDb.Api.Errors;
using AeorDb.Grains.Interfaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AeorDb.Api.Security;

/// <summary>
/// The one check of globs a client sends outside key rules (listing <c>glob</c>, <c>/sync/diff</c> <c>paths</c>,
/// <c>/sync/peers</c> <c>sync_paths</c>): count, then each glob through <see cref="IPathRules.ValidateGlob"/>, whose
/// limits (length, alternatives, expanded size) are the node's glob options. Key rules go through the same
/// <see cref="IPathRules.ValidateGlob"/> in <c>KeyRulesInput</c>.
/// </summary>
internal static class GlobInput
{
    /// <summary>Longest part of a refused glob echoed in the error message.</summary>
    private const int EchoLength = 80;

    /// <summary>Null when the listing glob is acceptable (or absent), else the 400.</summary>
    public static JsonHttpResult<ErrorBody>? Check(IPathRules rules, string? glob, string field) =>
        glob is null || rules.ValidateGlob(glob) is not { } problem ? null : Refuse(field, glob, problem);

    /// <summary>Null when the list is acceptable (or absent), else the 400: too many globs, a null entry, or a glob past a limit.</summary>
    public static JsonHttpResult<ErrorBody>? Check(IPathRules rules, IReadOnlyList<string?>? globs, int maxCount, string field)
    {
        if (globs is null)
        {
            return null;
        }

        if (globs.Count > maxCount)
        {
            return ApiErrors.BadRequest($"Too many path filters in '{field}': {globs.Count} (at most {maxCount})");
        }

        foreach (var glob in globs)
        {
            if (glob is null)
            {
                return ApiErrors.BadRequest($"Invalid path filter in '{field}': null");
            }

            if (rules.ValidateGlob(glob) is { } problem)
            {
                return Refuse(field, glob, problem);
            }
        }

        return null;
    }

    private static JsonHttpResult<ErrorBody> Refuse(string field, string glob, string problem)
    {
        var echo = glob.Length <= EchoLength ? glob : string.Concat(glob.AsSpan(0, EchoLength), "…");
        return ApiErrors.BadRequest($"Invalid path filter in '{field}': {echo}: {problem}");
    }
}
