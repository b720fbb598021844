namespace AeorDb.Tests.Http.Security.Adversarial;

/// <summary>Who sends a hostile request.</summary>
public enum HostileCaller
{
    /// <summary>No credentials.</summary>
    Anonymous = 0,

    /// <summary>Root's key with rules: write only under <c>/sandbox/**</c>, read and list elsewhere.</summary>
    ScopedKey = 1,

    /// <summary>A non-root user whose key has no rules; a permissions file lets it write under <c>/sandbox</c>.</summary>
    User = 2,

    /// <summary>A forged or misused JWT (<see cref="HostileRequest.ForgedToken"/>).</summary>
    Forged = 3,
}

/// <summary>
/// One request of the adversarial suite, with the raw path (sent without .NET's canonicalisation, so <c>..</c> and
/// percent-escapes reach the server as written).
/// </summary>
/// <param name="Kind">What the request tries (for the failure message).</param>
/// <param name="Caller">Who sends it.</param>
/// <param name="Method">The HTTP method, standard or not.</param>
/// <param name="PathAndQuery">Raw path and query, already percent-encoded where needed.</param>
/// <param name="Body">The body, or null for none.</param>
/// <param name="ContentType">The Content-Type header value, or null for none.</param>
public sealed record HostileRequest(string Kind, HostileCaller Caller, string Method, string PathAndQuery, byte[]? Body, string? ContentType)
{
    /// <summary>The JWT a <see cref="HostileCaller.Forged"/> request carries (in the header, or in <c>?token=</c> when <see cref="TokenInQuery"/>).</summary>
    public string? ForgedToken { get; init; }

    /// <summary>True to send the caller's token as <c>?token=</c> instead of the header.</summary>
    public bool TokenInQuery { get; init; }

    /// <summary>Extra headers (oversized or many).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>True when the server may refuse at the protocol level (Kestrel's 400/413/414/431 without the app) or close the connection.</summary>
    public bool MayBeRefusedByServer { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var path = PathAndQuery.Length > 160 ? PathAndQuery[..160] + $"…({PathAndQuery.Length} chars)" : PathAndQuery;
        var body = Body is null ? "no body" : Body.Length > 120 ? $"{Body.Length}-byte body" : "body " + System.Text.Encoding.UTF8.GetString(Body);
        return $"[{Kind}] {Caller} {Method} {path} ({ContentType ?? "no type"}, {body}{(Headers.Count > 0 ? $", {Headers.Count} extra headers" : string.Empty)}{(TokenInQuery ? ", token in query" : string.Empty)})";
    }
}
