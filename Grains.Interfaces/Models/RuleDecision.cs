namespace AeorDb.Grains.Interfaces.Models;

/// <summary>What a set of key rules says of one operation on one path.</summary>
public enum RuleDecision
{
    /// <summary>The key has no rules: it sets no limit.</summary>
    NoRules = 0,

    /// <summary>The first matching rule grants the operation, or the path is an ancestor of a rule target and the operation is read or list.</summary>
    Allowed = 1,

    /// <summary>Denied: answer 404, never 403 (CONTRACT §3.6).</summary>
    Denied = 2,
}
