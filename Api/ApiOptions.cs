namespace AeorDb.Api;

/// <summary>How the node authenticates callers (CONTRACT §2 <c>--auth</c>).</summary>
public enum AuthMode
{
    /// <summary><c>self</c>: keys live in the database.</summary>
    Self = 0,

    /// <summary><c>disabled</c>: every request runs as root, every /sync caller is a peer.</summary>
    Disabled = 1,

    /// <summary><c>file:///path</c>: a shared identity file.</summary>
    File = 2,
}

/// <summary>Options of the HTTP API. Every limit and lifetime is here so tests can shrink it.</summary>
public sealed class ApiOptions
{
    /// <summary>The product version reported by /system/health and server_ready.</summary>
    public string Version { get; set; } = "0.1.0";

    public AuthMode AuthMode { get; set; } = AuthMode.Self;

    /// <summary>Identity file path for <see cref="AuthMode.File"/>.</summary>
    public string? IdentityFile { get; set; }

    /// <summary>Largest JSON request body (CONTRACT §1.1: 1 MiB).</summary>
    public long JsonBodyLimit { get; set; } = 1L << 20;

    /// <summary>Largest file upload (CONTRACT §1.1: 10 GiB).</summary>
    public long FileBodyLimit { get; set; } = 10L << 30;

    /// <summary>Largest rename body (CONTRACT §4.5: 64 KiB).</summary>
    public long RenameBodyLimit { get; set; } = 64L << 10;

    /// <summary>Largest merge-patch body (CONTRACT §4.5: 10 MiB).</summary>
    public long MergePatchBodyLimit { get; set; } = 10L << 20;

    /// <summary>JWT lifetime (CONTRACT §3.1: 7 days), capped by the key's remaining life.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Refresh token lifetime (CONTRACT §3.1: 30 days).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Token attempts allowed per key prefix per minute (CONTRACT §3.2: 30).</summary>
    public int TokenAttemptsPerMinute { get; set; } = 30;

    /// <summary>Heartbeat period of the event streams (CONTRACT §6.3: 15 s, aligned to wall-clock multiples).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Testing only (<c>--clock-offset-ms</c>): added to the clock readings heartbeats carry, to reproduce clock skew between nodes.</summary>
    public TimeSpan HeartbeatClockOffset { get; set; }

    /// <summary>Keep-alive comment period of the event streams (CONTRACT §6.4: 30 s).</summary>
    public TimeSpan EventKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events queued per event-stream subscriber; past it the oldest are skipped, so a slow reader never holds writers or memory.</summary>
    public int EventBufferCapacity { get; set; } = 4096;

    /// <summary>Most globs a /sync/diff <c>paths</c> filter may hold (CONTRACT §5.2: 100).</summary>
    public int MaxSyncPaths { get; set; } = 100;

    /// <summary>Most hashes one /sync/chunks request may name (CONTRACT §5.3: 10 000).</summary>
    public int MaxChunkHashes { get; set; } = 10_000;

    /// <summary>Response budget of one /sync/chunks answer (CONTRACT §5.3: 512 MiB).</summary>
    public long ChunkResponseBudget { get; set; } = 512L << 20;

    /// <summary>
    /// Most referring paths one hash-addressed read (/blobs, /sync/chunks) checks for a non-root caller: an object
    /// shared by more paths is readable through the first ones in path order only.
    /// </summary>
    public int MaxObjectReferencesChecked { get; set; } = 256;

    /// <summary>
    /// Lets this node talk to peers over plain <c>http://</c> on non-loopback hosts (<c>--allow-insecure-peers</c>). Off:
    /// such addresses are refused where they enter and no peer token is ever sent to them.
    /// </summary>
    public bool AllowInsecurePeers { get; set; }

    /// <summary>Leeway on <c>exp</c> (CONTRACT §3.1: 60 s).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The embedded database file (<c>-D</c>) whose size <c>GET /system/node</c> reports; null in scale-out, where data lives in PostgreSQL.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>Directory whose disk /system/health measures: the database's.</summary>
    public string DataDirectory { get; set; } = ".";

    /// <summary>Used-disk fraction above which /system/health says <c>degraded</c> (CONTRACT §8: 90 %).</summary>
    public double DiskDegradedRatio { get; set; } = 0.90;

    /// <summary>Used-disk fraction above which /system/health says <c>unhealthy</c> (CONTRACT §8: 98 %).</summary>
    public double DiskUnhealthyRatio { get; set; } = 0.98;
}
