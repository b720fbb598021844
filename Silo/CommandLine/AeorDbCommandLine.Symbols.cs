using System.CommandLine;

namespace AeorDb.Silo.CommandLine;

internal static partial class AeorDbCommandLine
{
    /// <summary>The command tree: one <c>start</c> command with every flag, and <c>--version</c>/<c>--help</c> everywhere.</summary>
    private sealed partial class Symbols
    {
        public Symbols()
        {
            Start = new Command("start", "Start an AeorDB node: Orleans silo and HTTP API in one process")
            {
                Database, Port, Host, Auth, Config, TlsCert, TlsKey, LogFormat, HotDir, CorsOrigins, JwtExpiry, ChunkSize,
                SiloPort, GatewayPort, Peers, Join, JoinToken, AdvertiseUrl, HeartbeatIntervalMs,
                HoneymoonSamples, HoneymoonMaxJitterMs, SyncIntervalMs, SyncDebounceMs,
            };
            ScaleOut = new ScaleOutSymbols(Start);
            AddPeerLinkOptions();
            AddOperationsOptions();
            AddLimitOptions();
            AddStorageOptions();
            Root = new RootCommand("AeorDB: a content-addressed file database whose nodes replicate") { Start };

            // Listed for 'aeordb --help' only: Program runs client commands before this parser (Cli/ClientCli.cs).
            foreach (var client in Cli.ClientCli.HelpCommands())
            {
                Root.Subcommands.Add(client);
            }

            // The built-in --version prints the informational version (with a commit suffix); ours prints the product version.
            foreach (var builtIn in Root.Options.OfType<VersionOption>().ToList())
            {
                Root.Options.Remove(builtIn);
            }

            Root.Options.Add(Version);
        }

        public RootCommand Root { get; }

        public Command Start { get; }

        public ScaleOutSymbols ScaleOut { get; }

        public Option<bool> Version { get; } = new("--version") { Description = "Print the version and exit", Recursive = true };

        public Option<string> Database { get; } = new("--database", "-D") { Description = "Database file; created if absent", DefaultValueFactory = _ => "data.aeordb" };

        public Option<int> Port { get; } = new("--port", "-p") { Description = "HTTP listen port", DefaultValueFactory = _ => 6830 };

        public Option<string> Host { get; } = new("--host") { Description = "Bind address; must be an IP literal", DefaultValueFactory = _ => "0.0.0.0" };

        public Option<string?> Auth { get; } = new("--auth") { Description = "self | ./ | file:///path | disabled (default: $AEORDB_AUTH, config, ~/.aeordb-config/aeordb/identity, self)" };

        public Option<string?> Config { get; } = new("--config", "-c") { Description = "TOML config file; flags win over it" };

        public Option<string?> TlsCert { get; } = new("--tls-cert") { Description = "PEM certificate (with --tls-key)" };

        public Option<string?> TlsKey { get; } = new("--tls-key") { Description = "PEM private key (with --tls-cert)" };

        public Option<string> LogFormat { get; } = CreateLogFormat();

        public Option<string?> HotDir { get; } = new("--hot-dir") { Description = "Write-ahead directory (default: the database's directory)" };

        public Option<string?> CorsOrigins { get; } = new("--cors-origins") { Description = "'*' or a comma-separated list of origins (default: off)" };

        public Option<long> JwtExpiry { get; } = new("--jwt-expiry") { Description = "Parsed and ignored (JWTs last 7 days)", DefaultValueFactory = _ => 3600 };

        public Option<long> ChunkSize { get; } = new("--chunk-size") { Description = "Parsed and ignored (chunks are 256 KiB)", DefaultValueFactory = _ => 262_144 };

        public Option<int> SiloPort { get; } = new("--silo-port") { Description = "Orleans silo port (default 0: a free loopback port)", DefaultValueFactory = _ => 0 };

        public Option<int> GatewayPort { get; } = new("--gateway-port") { Description = "Orleans gateway port (default 0: a free loopback port)", DefaultValueFactory = _ => 0 };

        public Option<string?> Peers { get; } = new("--peers") { Description = "Comma-separated peer base URLs" };

        public Option<string?> Join { get; } = new("--join") { Description = "Base URL of an existing member to join" };

        public Option<string?> JoinToken { get; } = new("--join-token") { Description = "Root API key or root JWT for --join" };

        public Option<string?> AdvertiseUrl { get; } = new("--advertise-url") { Description = "URL peers use to reach this node" };

        public Option<long?> HeartbeatIntervalMs { get; } = new("--heartbeat-interval-ms") { Description = "Peer heartbeat interval in ms (default 15000)" };

        public Option<int> HoneymoonSamples { get; } = new("--honeymoon-samples") { Description = "Heartbeats a peer must send before it turns active (default 5)", DefaultValueFactory = _ => 5 };

        public Option<long> HoneymoonMaxJitterMs { get; } = new("--honeymoon-max-jitter-ms") { Description = "Heartbeat jitter in ms under which a peer turns active (default 25)", DefaultValueFactory = _ => 25 };

        public Option<long> SyncIntervalMs { get; } = new("--sync-interval-ms") { Description = "Periodic pull from each active peer in ms; also the backoff base (default 30000)", DefaultValueFactory = _ => 30000 };

        public Option<long> SyncDebounceMs { get; } = new("--sync-debounce-ms") { Description = "Back-to-back follow-up pulls (for peer change events that keep arriving during pulls) start at most once per this many ms (default 250)", DefaultValueFactory = _ => 250 };

        private static Option<string> CreateLogFormat()
        {
            var option = new Option<string>("--log-format") { Description = "Log format on stderr", DefaultValueFactory = _ => "pretty" };
            option.AcceptOnlyFromAmong("pretty", "json", "compact");
            return option;
        }
    }
}
