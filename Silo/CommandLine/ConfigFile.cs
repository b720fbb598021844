using Tomlyn;
using Tomlyn.Model;

namespace AeorDb.Silo.CommandLine;

/// <summary>
/// The <c>-c/--config</c> TOML file (CONTRACT §2): <c>[server]</c> port, host, log_format, tls.cert/key
/// (and tls.peer_ca_file), cors.origins; <c>[auth]</c> mode, jwt_expiry_seconds; <c>[storage]</c> database, chunk_size, hot_dir;
/// <c>[sync]</c> allow_insecure_peers;
/// <c>[operations]</c> metrics_public, request_log, dashboard, ready_min_free_disk_mb.
/// Every value is optional; a flag given on the command line wins over it.
/// </summary>
internal sealed record ConfigFile
{
    public string? Database { get; init; }

    public long? Port { get; init; }

    public string? Host { get; init; }

    public string? LogFormat { get; init; }

    public string? TlsCert { get; init; }

    public string? TlsKey { get; init; }

    /// <summary><c>[server.tls] peer_ca_file</c>: CA certificates trusted for https:// peers.</summary>
    public string? PeerCaFile { get; init; }

    public string? CorsOrigins { get; init; }

    public string? AuthMode { get; init; }

    public long? JwtExpirySeconds { get; init; }

    public long? ChunkSize { get; init; }

    public string? HotDir { get; init; }

    /// <summary><c>[sync] allow_insecure_peers</c>: plain http:// peers on non-loopback hosts.</summary>
    public bool? AllowInsecurePeers { get; init; }

    /// <summary><c>[operations] metrics_public</c>: serve /metrics without authentication.</summary>
    public bool? MetricsPublic { get; init; }

    /// <summary><c>[operations] request_log</c>: one log line per request.</summary>
    public bool? RequestLog { get; init; }

    /// <summary><c>[operations] dashboard</c>: serve the Orleans Dashboard at /dashboard.</summary>
    public bool? Dashboard { get; init; }

    /// <summary><c>[operations] ready_min_free_disk_mb</c>: free MiB below which /health/ready answers 503.</summary>
    public long? ReadyMinFreeDiskMb { get; init; }

    /// <summary>Reads and checks the file; a missing file, bad TOML or a value of the wrong type throws <see cref="FormatException"/> with one line saying what.</summary>
    public static ConfigFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"cannot read config file {path}: {exception.Message}");
        }

        TomlTable root;
        try
        {
            root = TomlSerializer.Deserialize<TomlTable>(text) ?? new TomlTable();
        }
        catch (TomlException exception)
        {
            throw new FormatException($"invalid config file {path}: {FirstLine(exception.Message)}");
        }

        var server = Table(root, "server");
        var auth = Table(root, "auth");
        var storage = Table(root, "storage");
        var sync = Table(root, "sync");
        var operations = Table(root, "operations");
        return new ConfigFile
        {
            Port = Value<long>(server, "port", "server.port"),
            Host = Value<string>(server, "host", "server.host"),
            LogFormat = Value<string>(server, "log_format", "server.log_format"),
            TlsCert = Value<string>(Table(server, "tls"), "cert", "server.tls.cert"),
            TlsKey = Value<string>(Table(server, "tls"), "key", "server.tls.key"),
            PeerCaFile = Value<string>(Table(server, "tls"), "peer_ca_file", "server.tls.peer_ca_file"),
            CorsOrigins = Origins(Table(server, "cors")),
            AuthMode = Value<string>(auth, "mode", "auth.mode"),
            JwtExpirySeconds = Value<long>(auth, "jwt_expiry_seconds", "auth.jwt_expiry_seconds"),
            Database = Value<string>(storage, "database", "storage.database"),
            ChunkSize = Value<long>(storage, "chunk_size", "storage.chunk_size"),
            HotDir = Value<string>(storage, "hot_dir", "storage.hot_dir"),
            AllowInsecurePeers = sync?.ContainsKey("allow_insecure_peers") == true ? Value<bool>(sync, "allow_insecure_peers", "sync.allow_insecure_peers") : null,
            MetricsPublic = Flag(operations, "metrics_public"),
            RequestLog = Flag(operations, "request_log"),
            Dashboard = Flag(operations, "dashboard"),
            ReadyMinFreeDiskMb = Value<long>(operations, "ready_min_free_disk_mb", "operations.ready_min_free_disk_mb"),
        };
    }

    private static bool? Flag(TomlTable? table, string key) =>
        table is not null && table.ContainsKey(key) ? Value<bool>(table, key, "operations." + key) : null;

    private static TomlTable? Table(TomlTable? parent, string key)
    {
        if (parent is null || !parent.TryGetValue(key, out var value))
        {
            return null;
        }

        return value as TomlTable ?? throw new FormatException($"config key '{key}' must be a table");
    }

    private static T? Value<T>(TomlTable? table, string key, string fullKey)
    {
        if (table is null || !table.TryGetValue(key, out var value))
        {
            return default;
        }

        return value is T typed ? typed : throw new FormatException($"config key '{fullKey}' has the wrong type");
    }

    /// <summary><c>cors.origins</c> may be a string (<c>"*"</c> or a comma-separated list) or an array of strings.</summary>
    private static string? Origins(TomlTable? cors)
    {
        if (cors is null || !cors.TryGetValue("origins", out var value))
        {
            return null;
        }

        return value switch
        {
            string text => text,
            TomlArray array when array.All(item => item is string) => string.Join(',', array.Cast<string>()),
            _ => throw new FormatException("config key 'server.cors.origins' has the wrong type"),
        };
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
