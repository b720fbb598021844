namespace AeorDb.Tests.TestSupport;

/// <summary>How a test wants its <see cref="AeorDbNode"/> started.</summary>
public sealed record NodeOptions
{
    /// <summary>The <c>--auth</c> value; null passes no flag, so the node resolves its default (<c>self</c> in a clean HOME).</summary>
    public string? Auth { get; init; }

    /// <summary>Whether the first start must print a root API key block (false for <c>--auth disabled</c>).</summary>
    public bool ExpectRootKey { get; init; } = true;

    /// <summary>Whether to pass <c>--silo-port</c>/<c>--gateway-port</c>; false leaves the node to pick its own.</summary>
    public bool PassOrleansPorts { get; init; } = true;

    /// <summary>Whether to pass <c>--advertise-url</c> with the node's own loopback address (its port is picked before the start).</summary>
    public bool AdvertiseSelf { get; init; }

    /// <summary>
    /// With a CA: the node serves HTTPS (the test passes <c>--tls-cert</c>/<c>--tls-key</c> itself), its
    /// <see cref="AeorDbNode.BaseUrl"/> is <c>https://</c>, and the harness's client trusts certificates chaining to this CA.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? TrustedAuthority { get; init; }

    /// <summary>More command-line arguments after the harness's own.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>More environment variables (a null value removes one).</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>How long a start may take before the test fails; generous for a loaded 2-core CI machine.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
