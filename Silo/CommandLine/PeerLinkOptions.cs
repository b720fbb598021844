namespace AeorDb.Silo.CommandLine;

/// <summary>How this node links to its peers.</summary>
internal sealed record PeerLinkOptions
{
    /// <summary>
    /// PEM file of CA certificates trusted for <c>https://</c> peer addresses besides the system's
    /// (<c>--peer-ca-file</c>, or <c>peer_ca_file</c> in the config's <c>[server.tls]</c>); null = the system's only.
    /// </summary>
    public string? PeerCaFile { get; init; }

    /// <summary>
    /// Testing only (<c>--clock-offset-ms</c>, hidden from <c>--help</c>): shifts this node's clock as its heartbeats
    /// show it to peers, to reproduce clock skew between nodes on one machine. Zero in production.
    /// </summary>
    public TimeSpan ClockOffset { get; init; }

    /// <summary>
    /// Plain <c>http://</c> peers on non-loopback hosts are allowed (<c>--allow-insecure-peers</c>, or
    /// <c>allow_insecure_peers</c> in the config's <c>[sync]</c>). Off by default: peer tokens and replicated data
    /// would cross the network in clear.
    /// </summary>
    public bool AllowInsecurePeers { get; init; }
}
