using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Paths;

/// <summary>Canonical paths, reserved namespaces, globs and key rules (see <see cref="IPathRules"/>).</summary>
internal sealed class PathRules : IPathRules
{
    public string Canonicalize(string raw) => throw new NotImplementedException();

    public bool IsHidden(string canonicalPath) => throw new NotImplementedException();

    public bool IsSystem(string canonicalPath) => throw new NotImplementedException();

    public string Parent(string canonicalPath) => throw new NotImplementedException();

    public string Name(string canonicalPath) => throw new NotImplementedException();

    public bool GlobMatches(string glob, string canonicalPath) => throw new NotImplementedException();

    public string? ValidateGlob(string glob) => throw new NotImplementedException();

    public string? ValidateFlags(string flags) => throw new NotImplementedException();

    public RuleDecision Evaluate(IReadOnlyList<KeyRule> rules, string canonicalPath, Operation operation) => throw new NotImplementedException();

    public string? ListingPermissions(IReadOnlyList<KeyRule> rules, string childPath, Operation operation) => throw new NotImplementedException();
}
