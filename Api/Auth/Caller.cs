using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Auth;

/// <summary>
/// Who a request runs as, resolved once per request by authentication (CONTRACT §3.1, §5.1).
/// </summary>
/// <param name="UserId">The JWT <c>sub</c>; <see cref="Guid.Empty"/> is root.</param>
/// <param name="KeyId">The issuing API key (<c>key_id</c> claim), when present.</param>
/// <param name="Scope">The JWT <c>scope</c> claim (<c>"sync"</c> for peer tokens), when present.</param>
/// <param name="Rules">The issuing key's rules; empty when the key sets no limit.</param>
/// <param name="AuthDisabled">True when the node runs with <c>--auth disabled</c>: every request is root and every /sync caller a peer.</param>
internal sealed record Caller(Guid UserId, Guid? KeyId, string? Scope, IReadOnlyList<KeyRule> Rules, bool AuthDisabled)
{
    /// <summary>The caller of a node running without auth.</summary>
    public static readonly Caller Disabled = new(Guid.Empty, null, null, [], AuthDisabled: true);

    /// <summary>
    /// Root: the nil <c>sub</c> with no key rules. A key with rules is scoped whoever owns it (the product
    /// page's "assets only" key is minted by root yet "will only see /assets/"), so it never gets admin
    /// routes, peer powers or unfiltered sync.
    /// </summary>
    public bool IsRoot => UserId == Guid.Empty && Rules.Count == 0;

    /// <summary>A peer: root <c>sub</c> with <c>scope:"sync"</c>, or anyone when auth is disabled.</summary>
    public bool IsPeer => AuthDisabled || (IsRoot && Scope == "sync");

    public bool HasRules => Rules.Count > 0;
}
