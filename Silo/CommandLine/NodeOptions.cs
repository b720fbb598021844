using System.Net;
using AeorDb.Api;

namespace AeorDb.Silo.CommandLine;

/// <summary>Log output format of <c>--log-format</c>.</summary>
internal enum LogFormat
{
    /// <summary>Multi-line human-readable output.</summary>
    Pretty = 0,

    /// <summary>One JSON object per line.</summary>
    Json = 1,

    /// <summary>One line per entry.</summary>
    Compact = 2,
}

/// <summary>
/// Everything <c>aeordb start</c> was told, after merging flags, the TOML file, the environment and defaults
/// (see <see cref="AeorDbCommandLine"/> for the precedence). Validated: the host is an IP literal, TLS files
/// come in pairs, and an unauthenticated public bind was explicitly allowed.
/// </summary>
internal sealed record NodeOptions
{
    /// <summary>The SQLite database file (<c>-D</c>), as given.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>HTTP listen port (<c>-p</c>).</summary>
    public required int Port { get; init; }

    /// <summary>HTTP bind address (<c>--host</c>), as given.</summary>
    public required string Host { get; init; }

    /// <summary>The parsed bind address.</summary>
    public required IPAddress HostAddress { get; init; }

    /// <summary>Authentication mode (<c>--auth</c>).</summary>
    public required AuthMode AuthMode { get; init; }

    /// <summary>Identity file for <see cref="AuthMode.File"/>, with <c>~</c> expanded.</summary>
    public string? IdentityFile { get; init; }

    /// <summary>PEM certificate (<c>--tls-cert</c>); set together with <see cref="TlsKeyPath"/>.</summary>
    public string? TlsCertPath { get; init; }

    /// <summary>PEM private key (<c>--tls-key</c>).</summary>
    public string? TlsKeyPath { get; init; }

    /// <summary>True when both TLS files are set.</summary>
    public bool TlsEnabled => TlsCertPath is not null && TlsKeyPath is not null;

    /// <summary>Log output format (<c>--log-format</c>).</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Pretty;

    /// <summary>Write-ahead directory (<c>--hot-dir</c>); defaults to the database's directory.</summary>
    public required string HotDir { get; init; }

    /// <summary>Allowed CORS origins (<c>--cors-origins</c>): empty = off, <c>["*"]</c> = all.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary><c>--jwt-expiry</c> seconds: parsed and ignored, as in the original (JWTs last 7 days).</summary>
    public long JwtExpirySeconds { get; init; } = 3600;

    /// <summary><c>--chunk-size</c>: parsed and ignored, as in the original (chunks are 256 KiB).</summary>
    public long ChunkSize { get; init; } = 262_144;

    /// <summary>Orleans silo-to-silo port (<c>--silo-port</c>); 0 = pick a free loopback port at start.</summary>
    public int SiloPort { get; init; }

    /// <summary>Orleans client gateway port (<c>--gateway-port</c>); 0 = pick a free loopback port at start.</summary>
    public int GatewayPort { get; init; }

    /// <summary>Peer base URLs (<c>--peers</c>); registered as peers at start.</summary>
    public IReadOnlyList<string> Peers { get; init; } = [];

    /// <summary>Base URL of a member to join (<c>--join</c>); joined before serving.</summary>
    public string? Join { get; init; }

    /// <summary>Root API key or root JWT for <c>--join</c>.</summary>
    public string? JoinToken { get; init; }

    /// <summary>URL peers use to reach this node (<c>--advertise-url</c>); sent as node_url when joining.</summary>
    public string? AdvertiseUrl { get; init; }

    /// <summary>Heartbeat interval (<c>--heartbeat-interval-ms</c>); null = production default (15 s).</summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>Accepted heartbeats before a peer turns active (<c>--honeymoon-samples</c>, default 5).</summary>
    public int HoneymoonSamples { get; init; } = 5;

    /// <summary>Jitter under which a peer turns active (<c>--honeymoon-max-jitter-ms</c>, default 25 ms).</summary>
    public TimeSpan HoneymoonMaxJitter { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Periodic pull interval and backoff base (<c>--sync-interval-ms</c>, default 30 s).</summary>
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Window after an event-driven pull in which further events share one follow-up pull (<c>--sync-debounce-ms</c>, default 250 ms).</summary>
    public TimeSpan SyncDebounce { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Scale-out on PostgreSQL (<c>--cluster-db</c> and its flags); off by default.</summary>
    public ScaleOutOptions ScaleOut { get; init; } = new();
    /// <summary>How this node links to its peers (<c>--peer-ca-file</c>, the testing-only <c>--clock-offset-ms</c>).</summary>
    public PeerLinkOptions PeerLink { get; init; } = new();

    /// <summary>Metrics, request log, dashboard and readiness (<c>--metrics-public</c>, <c>--request-log</c>, <c>--dashboard</c>, <c>--ready-min-free-disk-mb</c>).</summary>
    public OperationsOptions Operations { get; init; } = new();

    /// <summary>Resource limits (<c>--max-event-streams</c>, <c>--max-listing-page</c>, … see <see cref="LimitOptions"/>).</summary>
    public LimitOptions Limits { get; init; } = new();

    /// <summary>Durability, history retention and garbage collection (<c>--durability</c>, <c>--history-keep-*</c>, <c>--gc-interval-ms</c>).</summary>
    public StorageOptions Storage { get; init; } = new();
}
