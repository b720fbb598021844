using System.CommandLine;

namespace AeorDb.Silo.CommandLine;

/// <summary>The flags of <see cref="OperationsOptions"/>; each also has a key in the config file's <c>[operations]</c> table.</summary>
internal static partial class AeorDbCommandLine
{
    private static OperationsOptions BuildOperations(ParseResult result, Symbols s, ConfigFile file)
    {
        var minFreeMb = Pick(result, s.ReadyMinFreeDiskMb, file.ReadyMinFreeDiskMb);
        if (minFreeMb < 0)
        {
            throw new FormatException($"--ready-min-free-disk-mb must not be negative, got {minFreeMb}");
        }

        return new OperationsOptions
        {
            MetricsPublic = Pick(result, s.MetricsPublic, file.MetricsPublic),
            RequestLog = Pick(result, s.RequestLog, file.RequestLog),
            Dashboard = Pick(result, s.Dashboard, file.Dashboard),
            ReadyMinFreeDiskBytes = checked(minFreeMb * 1024 * 1024),
        };
    }

    private sealed partial class Symbols
    {
        public Option<bool> MetricsPublic { get; } = new("--metrics-public")
        {
            Description = "Serve GET /metrics (Prometheus text) without authentication (default: root only)",
        };

        public Option<bool> RequestLog { get; } = new("--request-log")
        {
            Description = "Log one line per request: method, route, status, bytes, ms, key id (default: off)",
        };

        public Option<bool> Dashboard { get; } = new("--dashboard")
        {
            Description = "Serve the Orleans Dashboard at /dashboard to root (default: off)",
        };

        public Option<long> ReadyMinFreeDiskMb { get; } = new("--ready-min-free-disk-mb")
        {
            Description = "Free disk space in MiB below which /health/ready answers 503 (default 256)",
            DefaultValueFactory = _ => 256,
        };

        private void AddOperationsOptions()
        {
            Start.Options.Add(MetricsPublic);
            Start.Options.Add(RequestLog);
            Start.Options.Add(Dashboard);
            Start.Options.Add(ReadyMinFreeDiskMb);
        }
    }
}
