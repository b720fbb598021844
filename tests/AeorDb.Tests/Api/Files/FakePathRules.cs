using System.Text.RegularExpressions;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Tests.Api.Files;

/// <summary>Just enough path rules for listing tests: '*' within a segment, '**' across, reserved prefixes hidden.</summary>
internal sealed class FakePathRules : IPathRules
{
    public string Canonicalize(string raw) => "/" + string.Join('/', raw.Split('/', StringSplitOptions.RemoveEmptyEntries));

    public bool IsHidden(string canonicalPath) =>
        canonicalPath.StartsWith("/.aeordb-system", StringComparison.Ordinal) || canonicalPath.StartsWith("/.aeordb-config", StringComparison.Ordinal);

    public bool IsSystem(string canonicalPath) => IsHidden(canonicalPath);

    public string Parent(string canonicalPath) => canonicalPath.LastIndexOf('/') is > 0 and var i ? canonicalPath[..i] : "/";

    public string Name(string canonicalPath) => canonicalPath[(canonicalPath.LastIndexOf('/') + 1)..];

    public bool GlobMatches(string glob, string canonicalPath)
    {
        var pattern = "^" + Regex.Escape(glob).Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*") + "$";
        return Regex.IsMatch(canonicalPath, pattern);
    }

    public string? ValidateGlob(string glob) => null;

    public string? ValidateFlags(string flags) => null;

    public RuleDecision Evaluate(IReadOnlyList<KeyRule> rules, string canonicalPath, Operation operation) => RuleDecision.NoRules;

    public string? ListingPermissions(IReadOnlyList<KeyRule> rules, string childPath, Operation operation) => "crudlify";
}
