using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Paths;

/// <summary>Key rules of CONTRACT §3.6: flag validation, first-match evaluation and ancestor navigation.</summary>
internal sealed partial class PathRules
{
    /// <summary>The letter of each flag position; '-' in a position withholds it.</summary>
    public const string AllFlags = "crudlify";

    /// <summary>What a child on the way to a rule target shows in a listing: read and list only.</summary>
    public const string NavigationFlags = "-r--l---";

    /// <summary>No flag at all.</summary>
    private const string NoFlags = "--------";

    /// <summary>The catch-all rule, which names no target (CONTRACT §3.6).</summary>
    private const string CatchAll = "**";

    public string? ValidateFlags(string flags)
    {
        if (flags.Length != AllFlags.Length)
        {
            return $"Flags string must be exactly {AllFlags.Length} characters, got {flags.Length}";
        }

        for (var i = 0; i < flags.Length; i++)
        {
            if (flags[i] != AllFlags[i] && flags[i] != '-')
            {
                return $"Invalid character '{flags[i]}' at position {i}: expected '{AllFlags[i]}' or '-'";
            }
        }

        return null;
    }

    /// <remarks>
    /// Ancestor navigation is checked before the rules, as the catch-all "**" deny that usually ends a
    /// rule list would otherwise hide the directories leading to the granted subtree.
    /// </remarks>
    public RuleDecision Evaluate(IReadOnlyList<KeyRule> rules, string canonicalPath, Operation operation)
    {
        if (rules.Count == 0)
        {
            return RuleDecision.NoRules;
        }

        if (operation is Operation.Read or Operation.List && IsOnWayToTarget(rules, canonicalPath))
        {
            return RuleDecision.Allowed;
        }

        var rule = FirstMatch(rules, canonicalPath);
        return rule is not null && Grants(rule.Permitted, operation) ? RuleDecision.Allowed : RuleDecision.Denied;
    }

    /// <remarks>
    /// With no rules the key sets no limit and every flag is returned; the caller combines that with the
    /// user's grants. A child whose first matching rule is the catch-all counts as matching no explicit
    /// rule, so it stays only on the way to a target.
    /// </remarks>
    public string? ListingPermissions(IReadOnlyList<KeyRule> rules, string childPath, Operation operation)
    {
        if (rules.Count == 0)
        {
            return AllFlags;
        }

        var rule = FirstMatch(rules, childPath);
        if (rule is not null && rule.Glob != CatchAll)
        {
            return Grants(rule.Permitted, operation) ? rule.Permitted : null;
        }

        return IsOnWayToTarget(rules, childPath) ? NavigationFlags : null;
    }

    /// <summary>True when the flag of <paramref name="operation"/> is set in <paramref name="flags"/>.</summary>
    public static bool Grants(string flags, Operation operation)
    {
        var position = (int)operation;
        return position < flags.Length && position < AllFlags.Length && flags[position] == AllFlags[position];
    }

    /// <summary>
    /// A rule's target: its glob without a trailing "/", "**", "/" (each trimmed as often as it repeats).
    /// "/assets/**" targets "/assets"; "/**" targets "" (the root).
    /// </summary>
    public static string RuleTarget(string glob) =>
        TrimEndRepeated(glob.TrimEnd('/'), CatchAll).TrimEnd('/');

    /// <remarks>
    /// A stored rule whose glob no longer compiles (say, made under looser glob limits, or replicated from a node with
    /// other limits) matches everything and grants nothing: skipping it could let a later, wider rule grant what it
    /// denied, so the key fails closed from that rule on.
    /// </remarks>
    private KeyRule? FirstMatch(IReadOnlyList<KeyRule> rules, string path)
    {
        foreach (var rule in rules)
        {
            var pattern = _globs.Get(rule.Glob, out _);
            if (pattern is null)
            {
                return new KeyRule(rule.Glob, NoFlags);
            }

            if (pattern.IsMatch(path))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="path"/> is a segment-boundary prefix of some rule's target ("/" of every
    /// absolute target; "/a" of "/a/b" but not of "/ab"). The prefix is taken on the glob text, so a wildcard
    /// segment ends what can be navigated. Every rule but the catch-all counts, whatever its flags, as in the
    /// original: a navigable deny target (the directory of "/docs/private/**") shows an empty listing.
    /// The target itself counts only when the rule's glob does not match it: a rule naming one path
    /// ("/docs/secret.txt") decides that path by first match, so a deny rule for a single file holds
    /// against read and list (CONTRACT §3.6 "first matching rule wins").
    /// </summary>
    private bool IsOnWayToTarget(IReadOnlyList<KeyRule> rules, string path)
    {
        var prefix = path.AsSpan().TrimEnd('/');
        foreach (var rule in rules)
        {
            if (rule.Glob == CatchAll)
            {
                continue;
            }

            var target = RuleTarget(rule.Glob).AsSpan();
            if (!target.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if ((target.Length > prefix.Length && target[prefix.Length] == '/')
                || (target.Length == prefix.Length && !GlobMatches(rule.Glob, path)))
            {
                return true;
            }
        }

        return false;
    }

    private static string TrimEndRepeated(string text, string suffix)
    {
        var end = text.Length;
        while (end >= suffix.Length && text.AsSpan(0, end).EndsWith(suffix, StringComparison.Ordinal))
        {
            end -= suffix.Length;
        }

        return text[..end];
    }
}
