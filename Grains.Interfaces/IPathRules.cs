using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Interfaces;

/// <summary>
/// Path canonicalisation (CONTRACT §1.5), reserved namespaces (§1.7), globs (§1.6) and key rules (§3.6).
/// Pure and thread-safe; a DI singleton the Api and the grains share.
/// </summary>
public interface IPathRules
{
    /// <summary>Canonical absolute path of a raw (already percent-decoded) capture: NULs stripped, trimmed, empty and "." segments dropped, ".." popping (never above the root).</summary>
    string Canonicalize(string raw);

    /// <summary>True for "/.aeordb-system" and "/.aeordb-config" and everything below them: invisible (404) through /files, /links and /blobs.</summary>
    bool IsHidden(string canonicalPath);

    /// <summary>True where file chunks are SYSTEM-flagged: the hidden namespaces.</summary>
    bool IsSystem(string canonicalPath);

    /// <summary>Parent of a canonical path ("/" for top-level entries and for "/").</summary>
    string Parent(string canonicalPath);

    /// <summary>Last segment of a canonical path ("" for "/").</summary>
    string Name(string canonicalPath);

    /// <summary>True when the glob matches the whole canonical path (compiled globs are cached).</summary>
    bool GlobMatches(string glob, string canonicalPath);

    /// <summary>Null when the glob is acceptable as a key rule or filter; otherwise why not.</summary>
    string? ValidateGlob(string glob);

    /// <summary>Null when the flags are exactly 8 characters, each its own <c>crudlify</c> letter or '-'; otherwise why not.</summary>
    string? ValidateFlags(string flags);

    /// <summary>Evaluates key rules for one operation on one path, with ancestor navigation for read and list.</summary>
    RuleDecision Evaluate(IReadOnlyList<KeyRule> rules, string canonicalPath, Operation operation);

    /// <summary>
    /// For a listing under scoped rules: the <c>effective_permissions</c> of a child, or null to hide it.
    /// A child matching an explicit non-<c>**</c> rule keeps that rule's flags (hidden unless they grant
    /// <paramref name="operation"/>); a child on the way to a rule target gets "-r--l---".
    /// </summary>
    string? ListingPermissions(IReadOnlyList<KeyRule> rules, string childPath, Operation operation);
}
