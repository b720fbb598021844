using System.CommandLine;
using System.Net;

namespace AeorDb.Silo.CommandLine;

/// <summary>The scale-out flags: <c>--cluster-db</c> and the options of a silo sharing a PostgreSQL database with others.</summary>
internal static partial class AeorDbCommandLine
{
    /// <summary>Env var read when <c>--cluster-db</c> is absent, so the connection string (with its password) need not sit on the command line.</summary>
    public const string ClusterDbVariable = "AEORDB_CLUSTER_DB";

    private static ScaleOutOptions BuildScaleOut(ParseResult result, ScaleOutSymbols s, Func<string, string?> environment)
    {
        var clusterDb = result.GetValue(s.ClusterDb) ?? (environment(ClusterDbVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
        if (clusterDb is not null)
        {
            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(clusterDb);
            }
            catch (ArgumentException exception)
            {
                throw new FormatException($"--cluster-db is not a valid PostgreSQL connection string: {OneLine(exception.Message)}");
            }
        }

        IPAddress? siloAddress = null;
        if (result.GetValue(s.SiloAddress) is { } siloText)
        {
            siloAddress = ParseHost(siloText);
            if (siloAddress is null || siloAddress.Equals(IPAddress.Any) || siloAddress.Equals(IPAddress.IPv6Any))
            {
                throw new FormatException($"--silo-address must be a specific IP address, got '{siloText}'");
            }
        }

        if (result.GetValue(s.MembershipProbeTimeoutMs) is <= 0 and var probeMs)
        {
            throw new FormatException($"--membership-probe-timeout-ms must be positive, got {probeMs}");
        }

        if (result.GetValue(s.PeerWatchIntervalMs) is <= 0 and var watchMs)
        {
            throw new FormatException($"--peer-watch-interval-ms must be positive, got {watchMs}");
        }

        return new ScaleOutOptions
        {
            ClusterDb = clusterDb,
            SiloAddress = siloAddress,
            MembershipProbeTimeout = result.GetValue(s.MembershipProbeTimeoutMs) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            PeerWatchInterval = TimeSpan.FromMilliseconds(result.GetValue(s.PeerWatchIntervalMs)),
        };
    }

    /// <summary>The scale-out flags, added to the <c>start</c> command.</summary>
    private sealed class ScaleOutSymbols
    {
        public ScaleOutSymbols(Command start)
        {
            start.Options.Add(ClusterDb);
            start.Options.Add(SiloAddress);
            start.Options.Add(MembershipProbeTimeoutMs);
            start.Options.Add(PeerWatchIntervalMs);
        }

        public Option<string?> ClusterDb { get; } = new("--cluster-db")
        {
            Description = $"Npgsql connection string: run as one silo of a node whose membership, grain state and objects live in that PostgreSQL database (default: ${ClusterDbVariable}; -D is then unused)",
        };

        public Option<string?> SiloAddress { get; } = new("--silo-address") { Description = "IP other silos reach this one at (default: --host when specific, else this machine's address)" };

        public Option<long?> MembershipProbeTimeoutMs { get; } = new("--membership-probe-timeout-ms") { Description = "Silo liveness probe timeout in ms; a silo is declared dead after ~3 missed probes (default 5000)" };

        public Option<long> PeerWatchIntervalMs { get; } = new("--peer-watch-interval-ms") { Description = "How often each silo restarts peer connections lost with a dead silo, in ms (default 10000)", DefaultValueFactory = _ => 10000 };
    }
}
