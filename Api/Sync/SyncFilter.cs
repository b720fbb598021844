using AeorDb.Api.Auth;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Sync;

/// <summary>
/// Which paths one /sync/diff caller receives (CONTRACT §5.1, §5.2, §1.7): the request's <c>paths</c> globs,
/// intersected, for scoped callers, with the key's rules (flag <c>r</c>) or, for a key without rules, the
/// user's Read permission; internal segments dropped. System subtrees reach only peers and root, and of
/// <c>/.aeordb-system/</c> only what replicates. One instance per request; thread-safe for concurrent checks.
/// </summary>
internal sealed class SyncFilter(IPathRules paths, IAccessPolicy access, Caller caller, IReadOnlyList<string> globs)
{
    private const string SystemRoot = "/.aeordb-system/";

    /// <summary>
    /// What of <c>/.aeordb-system/</c> replicates (CONTRACT §1.7): the original's users, groups, snapshots,
    /// config and email config, plus hashed key and refresh-token records so a key's rules hold on every node.
    /// Node-local state (cluster identity, peer bases, join audit, magic links) never leaves the node.
    /// </summary>
    private static readonly string[] _replicatedSystem =
    [
        "/.aeordb-system/users/", "/.aeordb-system/groups/", "/.aeordb-system/snapshots/", "/.aeordb-system/config/",
        "/.aeordb-system/api-keys/", "/.aeordb-system/refresh-tokens/",
    ];

    private static readonly string[] _internalSegments = [".aeordb-config", ".aeordb-logs", ".aeordb-indexes"];

    /// <summary>The caller's class.</summary>
    public SyncCallerClass Class { get; } = SyncCallers.Classify(caller);

    /// <summary>True for peers and root: they receive system entries and SYSTEM chunks.</summary>
    public bool IncludesSystem => Class != SyncCallerClass.Scoped;

    /// <summary>True for a path under <c>/.aeordb-system/</c> or <c>/.aeordb-config/</c>.</summary>
    public bool IsSystem(string path) => paths.IsHidden(path);

    /// <summary>Whether the caller receives <paramref name="path"/> (a file or symlink; deletions use the same test).</summary>
    public async ValueTask<bool> AllowsAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!MatchesGlobs(path))
        {
            return false;
        }

        if (IsSystem(path))
        {
            return IncludesSystem && Replicates(path);
        }

        if (IncludesSystem)
        {
            return true;
        }

        if (HasInternalSegment(path))
        {
            return false;
        }

        if (caller.HasRules)
        {
            return paths.Evaluate(caller.Rules, path, Operation.Read) == RuleDecision.Allowed;
        }

        return await access.CheckAsync(caller, path, Operation.Read, cancellationToken).ConfigureAwait(false) == AccessDecision.Allowed;
    }

    private bool MatchesGlobs(string path)
    {
        if (globs.Count == 0)
        {
            return true;
        }

        foreach (var glob in globs)
        {
            if (paths.GlobMatches(glob, path))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Replicates(string path)
    {
        if (!path.StartsWith(SystemRoot, StringComparison.Ordinal))
        {
            // /.aeordb-config/ (global config) replicates whole.
            return true;
        }

        if (path == "/.aeordb-system/email-config.json")
        {
            return true;
        }

        foreach (var prefix in _replicatedSystem)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasInternalSegment(string path)
    {
        foreach (var segment in path.AsSpan().Split('/'))
        {
            var name = path.AsSpan()[segment];
            foreach (var reserved in _internalSegments)
            {
                if (name.SequenceEqual(reserved))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
