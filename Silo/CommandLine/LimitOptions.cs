namespace AeorDb.Silo.CommandLine;

/// <summary>
/// The resource limits of the command line (SECURITY.md "Resource limits"). Every one has a safe default; tests
/// and operators raise or lower them.
/// </summary>
internal sealed record LimitOptions
{
    /// <summary>Open event streams per caller (<c>--max-event-streams-per-caller</c>, default 16).</summary>
    public int MaxEventStreamsPerCaller { get; init; } = 16;

    /// <summary>Open event streams per silo (<c>--max-event-streams</c>, default 512).</summary>
    public int MaxEventStreams { get; init; } = 512;

    /// <summary>Most items per listing page (<c>--max-listing-page</c>, default 10 000).</summary>
    public int MaxListingPage { get; init; } = 10_000;

    /// <summary>Largest <c>.aeordb-permissions</c> file in bytes (<c>--max-permissions-file-bytes</c>, default 64 KiB).</summary>
    public long MaxPermissionsFileBytes { get; init; } = 64L << 10;

    /// <summary>Most brace alternatives of one glob (<c>--max-glob-alternatives</c>, default 256).</summary>
    public int MaxGlobAlternatives { get; init; } = 256;

    /// <summary>Most characters of a glob's expanded alternatives together (<c>--max-glob-expanded-length</c>, default 4096).</summary>
    public int MaxGlobExpandedLength { get; init; } = 4096;

    /// <summary>Memory of the compiled-glob cache in bytes (<c>--glob-cache-bytes</c>, default 8 MiB).</summary>
    public long GlobCacheBytes { get; init; } = 8L << 20;

    /// <summary>Slowest request body accepted, bytes per second after the grace period (<c>--min-request-body-rate</c>, default 240; 0 turns the check off).</summary>
    public double MinRequestBodyRate { get; init; } = 240;

    /// <summary>Grace period before <see cref="MinRequestBodyRate"/> applies (<c>--min-request-body-rate-grace-ms</c>, default 5 s).</summary>
    public TimeSpan MinRequestBodyRateGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest request header block in bytes (<c>--max-request-header-bytes</c>, default 32 KiB).</summary>
    public int MaxRequestHeaderBytes { get; init; } = 32 * 1024;

    /// <summary>Most request headers (<c>--max-request-headers</c>, default 100).</summary>
    public int MaxRequestHeaders { get; init; } = 100;

    /// <summary>Largest <c>/sync/diff</c> answer accepted from a peer (<c>--max-peer-diff-bytes</c>, default 256 MiB).</summary>
    public long MaxPeerDiffBytes { get; init; } = 256L << 20;

    /// <summary>Largest <c>/sync/chunks</c> answer accepted from a peer (<c>--max-peer-chunks-bytes</c>, default 128 MiB).</summary>
    public long MaxPeerChunksBytes { get; init; } = 128L << 20;

    /// <summary>Largest event frame kept from a peer's event stream (<c>--max-peer-event-frame-bytes</c>, default 1 MiB).</summary>
    public int MaxPeerEventFrameBytes { get; init; } = 1 << 20;

    /// <summary>Bytes of small files' content kept in memory for GETs (<c>--read-cache-bytes</c>, default 64 MiB; 0: off).</summary>
    public long ReadCacheBytes { get; init; } = 64L << 20;

    /// <summary>HEAD entries the silo hosting the tree keeps for reads without a grain call (<c>--head-cache-entries</c>, default 32 768; 0: off).</summary>
    public int HeadCacheEntries { get; init; } = 32 * 1024;
}
