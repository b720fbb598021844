namespace AeorDb.Grains.Interfaces.Models;

/// <summary>One <c>POST /sync/join</c> attempt as this node saw it (CONTRACT §5.4 audit fields).</summary>
/// <param name="TimestampMs">When it was answered, Unix milliseconds.</param>
/// <param name="RemoteIp">The caller's address (forwarding headers first).</param>
/// <param name="NodeUrl">The joiner's advertised URL, when it sent one.</param>
/// <param name="Result"><c>admitted: peer_node_id=&lt;n&gt;</c>, <c>rejected: missing node_url</c> or <c>rate_limited: &lt;reason&gt;</c>.</param>
[GenerateSerializer, Immutable, Alias("aeordb.JoinAuditEntry")]
public sealed record JoinAuditEntry(
    [property: Id(0)] long TimestampMs,
    [property: Id(1)] string RemoteIp,
    [property: Id(2)] string? NodeUrl,
    [property: Id(3)] string Result);
