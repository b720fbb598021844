using System.CommandLine;

namespace AeorDb.Silo.CommandLine;

/// <summary>The flags of <see cref="PeerLinkOptions"/>.</summary>
internal static partial class AeorDbCommandLine
{
    private static PeerLinkOptions BuildPeerLink(ParseResult result, Symbols s, ConfigFile file, string home)
    {
        var caFile = Pick(result, s.PeerCaFile, file.PeerCaFile);
        return new PeerLinkOptions
        {
            PeerCaFile = caFile is null ? null : ExpandHome(caFile, home),
            ClockOffset = TimeSpan.FromMilliseconds(result.GetValue(s.ClockOffsetMs)),
            TestChunksDelay = TimeSpan.FromMilliseconds(Math.Max(0, result.GetValue(s.TestChunksDelayMs))),
            TestGrainTimeout = result.GetValue(s.TestGrainTimeoutMs) is > 0 and var timeout ? TimeSpan.FromMilliseconds(timeout) : null,
        };
    }

    private sealed partial class Symbols
    {
        public Option<string?> PeerCaFile { get; } = new("--peer-ca-file")
        {
            Description = "PEM file of CA certificates trusted for https:// peer addresses, besides the system's",
        };

        public Option<long> ClockOffsetMs { get; } = new("--clock-offset-ms")
        {
            Description = "Testing only: shifts this node's clock as its heartbeats show it, in ms",
            Hidden = true,
            DefaultValueFactory = _ => 0,
        };

        public Option<long> TestChunksDelayMs { get; } = new("--test-chunks-delay-ms")
        {
            Description = "Testing only: delays this node's answer to the first /sync/chunks request, in ms",
            Hidden = true,
            DefaultValueFactory = _ => 0,
        };

        public Option<long> TestGrainTimeoutMs { get; } = new("--test-grain-timeout-ms")
        {
            Description = "Testing only: the grain call response timeout, in ms (default Orleans' 30 s)",
            Hidden = true,
            DefaultValueFactory = _ => 0,
        };

        private void AddPeerLinkOptions()
        {
            Start.Options.Add(PeerCaFile);
            Start.Options.Add(ClockOffsetMs);
            Start.Options.Add(TestChunksDelayMs);
            Start.Options.Add(TestGrainTimeoutMs);
        }
    }
}
