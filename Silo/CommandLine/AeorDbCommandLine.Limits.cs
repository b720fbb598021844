using System.CommandLine;

namespace AeorDb.Silo.CommandLine;

/// <summary>The flags of <see cref="LimitOptions"/>; a value below a flag's minimum is a usage error (exit 2).</summary>
internal static partial class AeorDbCommandLine
{
    private static LimitOptions BuildLimits(ParseResult result, Symbols s) => new()
    {
        MaxEventStreamsPerCaller = AtLeast(result, s.MaxEventStreamsPerCaller, 1),
        MaxEventStreams = AtLeast(result, s.MaxEventStreams, 1),
        MaxListingPage = AtLeast(result, s.MaxListingPage, 1),
        MaxPermissionsFileBytes = AtLeast(result, s.MaxPermissionsFileBytes, 1),
        MaxGlobAlternatives = AtLeast(result, s.MaxGlobAlternatives, 1),
        MaxGlobExpandedLength = AtLeast(result, s.MaxGlobExpandedLength, 1),
        GlobCacheBytes = AtLeast(result, s.GlobCacheBytes, 0),
        MinRequestBodyRate = AtLeast(result, s.MinRequestBodyRate, 0),
        MinRequestBodyRateGrace = TimeSpan.FromMilliseconds(AtLeast(result, s.MinRequestBodyRateGraceMs, 1)),
        MaxRequestHeaderBytes = AtLeast(result, s.MaxRequestHeaderBytes, 1024),
        MaxRequestHeaders = AtLeast(result, s.MaxRequestHeaders, 8),
        MaxPeerDiffBytes = AtLeast(result, s.MaxPeerDiffBytes, 1024),
        MaxPeerChunksBytes = AtLeast(result, s.MaxPeerChunksBytes, 1L << 20),
        MaxPeerEventFrameBytes = AtLeast(result, s.MaxPeerEventFrameBytes, 1024),
        ReadCacheBytes = AtLeast(result, s.ReadCacheBytes, 0),
        HeadCacheEntries = AtLeast(result, s.HeadCacheEntries, 0),
    };

    private static T AtLeast<T>(ParseResult result, Option<T> option, T minimum)
        where T : struct, IComparable<T>
    {
        var value = result.GetValue(option);
        return value.CompareTo(minimum) >= 0
            ? value
            : throw new UsageException($"{option.Name} must be at least {minimum}, got {value}");
    }

    private sealed partial class Symbols
    {
        private static readonly LimitOptions _limitDefaults = new();

        public Option<int> MaxEventStreamsPerCaller { get; } = Flag("--max-event-streams-per-caller", "Open /system/events and /sync/events streams per API key (or per user and address); more answer 429", _limitDefaults.MaxEventStreamsPerCaller);

        public Option<int> MaxEventStreams { get; } = Flag("--max-event-streams", "Open event streams on this silo in total; more answer 429", _limitDefaults.MaxEventStreams);

        public Option<int> MaxListingPage { get; } = Flag("--max-listing-page", "Most items in one directory listing page; a larger limit is lowered to it", _limitDefaults.MaxListingPage);

        public Option<long> MaxPermissionsFileBytes { get; } = Flag("--max-permissions-file-bytes", "Largest .aeordb-permissions file; a larger upload answers 413", _limitDefaults.MaxPermissionsFileBytes);

        public Option<int> MaxGlobAlternatives { get; } = Flag("--max-glob-alternatives", "Most brace alternatives one glob may expand to; more answer 400", _limitDefaults.MaxGlobAlternatives);

        public Option<int> MaxGlobExpandedLength { get; } = Flag("--max-glob-expanded-length", "Most characters a glob's expanded alternatives may hold together; more answer 400", _limitDefaults.MaxGlobExpandedLength);

        public Option<long> GlobCacheBytes { get; } = Flag("--glob-cache-bytes", "Memory the compiled-glob cache may hold", _limitDefaults.GlobCacheBytes);

        public Option<double> MinRequestBodyRate { get; } = Flag("--min-request-body-rate", "Slowest request body in bytes/s after the grace period; slower connections are closed (0: off)", _limitDefaults.MinRequestBodyRate);

        public Option<long> MinRequestBodyRateGraceMs { get; } = Flag("--min-request-body-rate-grace-ms", "Grace period in ms before --min-request-body-rate applies", (long)_limitDefaults.MinRequestBodyRateGrace.TotalMilliseconds);

        public Option<int> MaxRequestHeaderBytes { get; } = Flag("--max-request-header-bytes", "Largest request header block; larger requests answer 431", _limitDefaults.MaxRequestHeaderBytes);

        public Option<int> MaxRequestHeaders { get; } = Flag("--max-request-headers", "Most request headers; more answer 431", _limitDefaults.MaxRequestHeaders);

        public Option<long> MaxPeerDiffBytes { get; } = Flag("--max-peer-diff-bytes", "Largest /sync/diff answer accepted from a peer; larger fails the pull", _limitDefaults.MaxPeerDiffBytes);

        public Option<long> MaxPeerChunksBytes { get; } = Flag("--max-peer-chunks-bytes", "Largest /sync/chunks answer accepted from a peer; larger fails the pull", _limitDefaults.MaxPeerChunksBytes);

        public Option<int> MaxPeerEventFrameBytes { get; } = Flag("--max-peer-event-frame-bytes", "Largest event frame kept from a peer's event stream; larger frames are skipped", _limitDefaults.MaxPeerEventFrameBytes);

        public Option<long> ReadCacheBytes { get; } = Flag("--read-cache-bytes", "Memory for the content of small files (up to 64 KiB) served by GET; 0 turns the cache off", _limitDefaults.ReadCacheBytes);

        public Option<int> HeadCacheEntries { get; } = Flag("--head-cache-entries", "HEAD entries kept for reads without a grain call on the silo hosting the tree (off on --cluster-db); 0 turns the cache off", _limitDefaults.HeadCacheEntries);

        private static Option<T> Flag<T>(string name, string description, T defaultValue) =>
            new(name) { Description = $"{description} (default {defaultValue})", DefaultValueFactory = _ => defaultValue };

        private void AddLimitOptions()
        {
            Option[] limits =
            [
                MaxEventStreamsPerCaller, MaxEventStreams, MaxListingPage, MaxPermissionsFileBytes, MaxGlobAlternatives,
                MaxGlobExpandedLength, GlobCacheBytes, MinRequestBodyRate, MinRequestBodyRateGraceMs, MaxRequestHeaderBytes,
                MaxRequestHeaders, MaxPeerDiffBytes, MaxPeerChunksBytes, MaxPeerEventFrameBytes, ReadCacheBytes, HeadCacheEntries,
            ];
            foreach (var limit in limits)
            {
                Start.Options.Add(limit);
            }
        }
    }
}
