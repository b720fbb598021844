using System.CommandLine;
using System.CommandLine.Help;
using System.Net;
using System.Text.RegularExpressions;
using AeorDb.Api;

namespace AeorDb.Silo.CommandLine;

/// <summary>
/// Parses <c>aeordb start …</c> (CONTRACT §2) into one <see cref="NodeOptions"/>.
/// <para>
/// Precedence, highest first, for every setting: a flag given on the command line; then the value in the
/// <c>-c/--config</c> TOML file; then the built-in default. <c>--auth</c> alone has more steps: the flag;
/// then the environment variable <c>AEORDB_AUTH</c>; then <c>[auth] mode</c> in the config file; then
/// <c>~/.aeordb-config/aeordb/identity</c> when that file exists; then <c>self</c>. <c>--silo-port</c> and
/// <c>--gateway-port</c> default to free loopback ports picked at start, so several nodes run side by side
/// when only <c>--port</c> and <c>-D</c> differ.
/// </para>
/// <para>
/// Exit codes: 0 for <c>--version</c> and <c>--help</c>; 2 for a bad or unknown flag or value (one line on
/// stderr); 1 for other start errors (host not an IP literal, one TLS file without the other, a bad config
/// file, <c>--join</c> without a join token, an unreadable <c>--join-token-file</c>, unauthenticated public bind).
/// A <c>--peers</c> or <c>--join</c> address of plain http to a non-loopback host without <c>--allow-insecure-peers</c>
/// is a bad value (exit 2). The join token comes from <c>--join-token</c>, else <c>--join-token-file</c>, else the
/// environment variable <c>AEORDB_JOIN_TOKEN</c>.
/// </para>
/// </summary>
internal static partial class AeorDbCommandLine
{
    /// <summary>Env var that, when set, lets <c>--auth disabled</c> bind a non-loopback address.</summary>
    public const string AllowPublicBindVariable = "AEORDB_ALLOW_UNAUTHENTICATED_PUBLIC_BIND";

    /// <summary>Env var holding the auth mode when <c>--auth</c> is absent.</summary>
    public const string AuthVariable = "AEORDB_AUTH";

    /// <summary>Parses <paramref name="args"/>; <paramref name="environment"/> reads env vars and <paramref name="homeDirectory"/> expands <c>~</c>, so tests need no real environment.</summary>
    public static CommandLineOutcome Parse(IReadOnlyList<string> args, Func<string, string?> environment, string homeDirectory, string version)
    {
        var symbols = new Symbols();
        var result = symbols.Root.Parse(args);

        if (result.GetValue(symbols.Version))
        {
            return CommandLineOutcome.Print(version);
        }

        if (result.Action is HelpAction help)
        {
            var output = new StringWriter();
            result.InvocationConfiguration.Output = output;
            help.Invoke(result);
            return CommandLineOutcome.Print(output.ToString().TrimEnd());
        }

        if (result.Errors.Count > 0)
        {
            return CommandLineOutcome.Usage(OneLine(result.Errors[0].Message) + " (see 'aeordb start --help')");
        }

        if (result.CommandResult.Command != symbols.Start)
        {
            return CommandLineOutcome.Usage("missing command (try 'aeordb start')");
        }

        try
        {
            return Build(result, symbols, environment, homeDirectory);
        }
        catch (UsageException exception)
        {
            return CommandLineOutcome.Usage(exception.Message);
        }
        catch (FormatException exception)
        {
            return CommandLineOutcome.Fail(exception.Message);
        }
    }

    /// <summary>Reads one auth mode value (case-insensitive); null when unknown.</summary>
    public static (AuthMode Mode, string? IdentityFile)? ParseAuth(string value, string homeDirectory)
    {
        var trimmed = value.Trim();
        switch (trimmed.ToLowerInvariant())
        {
            case "self" or "./":
                return (AuthMode.Self, null);
            case "disabled" or "false" or "null" or "no" or "0":
                return (AuthMode.Disabled, null);
        }

        if (trimmed.StartsWith("file://", StringComparison.OrdinalIgnoreCase) && trimmed.Length > "file://".Length)
        {
            return (AuthMode.File, ExpandHome(trimmed["file://".Length..], homeDirectory));
        }

        return null;
    }

    private static CommandLineOutcome Build(ParseResult result, Symbols s, Func<string, string?> environment, string home)
    {
        var configPath = result.GetValue(s.Config);
        var file = configPath is null ? new ConfigFile() : ConfigFile.Load(ExpandHome(configPath, home));

        var database = ExpandHome(Pick(result, s.Database, file.Database)!, home);
        var host = Pick(result, s.Host, file.Host)!;
        var port = Pick(result, s.Port, file.Port is { } filePort ? checked((int)filePort) : null);
        if (port is < 0 or > 65535)
        {
            throw new FormatException($"port {port} is out of range");
        }

        if (ParseHost(host) is not { } address)
        {
            throw new FormatException($"--host must be an IP address literal, got '{host}'");
        }

        var (authMode, identityFile) = ResolveAuth(result, s, file, environment, home);
        if (authMode == AuthMode.Disabled && !IPAddress.IsLoopback(address) && string.IsNullOrEmpty(environment(AllowPublicBindVariable)))
        {
            throw new FormatException($"refusing to serve without auth on non-loopback host {host}; bind 127.0.0.1 or set {AllowPublicBindVariable}=1");
        }

        var tlsCert = Pick(result, s.TlsCert, file.TlsCert);
        var tlsKey = Pick(result, s.TlsKey, file.TlsKey);
        if ((tlsCert is null) != (tlsKey is null))
        {
            throw new FormatException("--tls-cert and --tls-key must be given together");
        }

        var join = result.GetValue(s.Join);
        var joinToken = ResolveJoinToken(result, s, environment, home);
        if (join is not null && string.IsNullOrWhiteSpace(joinToken))
        {
            throw new FormatException($"--join requires --join-token, --join-token-file or {JoinTokenVariable}");
        }

        // One peer per address: the list is deduplicated as the peer list stores addresses (no trailing slash).
        var peers = SplitList(result.GetValue(s.Peers)).Select(p => p.TrimEnd('/')).Distinct(StringComparer.Ordinal).ToArray();
        var peerLink = BuildPeerLink(result, s, file, home);
        CheckPeerAddresses(peers, join, peerLink);

        if (result.GetValue(s.HeartbeatIntervalMs) is <= 0 and var heartbeatMs)
        {
            throw new FormatException($"--heartbeat-interval-ms must be positive, got {heartbeatMs}");
        }

        if (result.GetValue(s.HoneymoonSamples) is < 1 and var samples)
        {
            throw new FormatException($"--honeymoon-samples must be at least 1, got {samples}");
        }

        if (result.GetValue(s.HoneymoonMaxJitterMs) is <= 0 and var jitterMs)
        {
            throw new FormatException($"--honeymoon-max-jitter-ms must be positive, got {jitterMs}");
        }

        if (result.GetValue(s.SyncIntervalMs) is <= 0 and var intervalMs)
        {
            throw new FormatException($"--sync-interval-ms must be positive, got {intervalMs}");
        }

        if (result.GetValue(s.SyncDebounceMs) is < 0 and var debounceMs)
        {
            throw new FormatException($"--sync-debounce-ms must not be negative, got {debounceMs}");
        }

        var hotDir = Pick(result, s.HotDir, file.HotDir);
        return CommandLineOutcome.Start(new NodeOptions
        {
            DatabasePath = database,
            Port = port,
            Host = host,
            HostAddress = address,
            AuthMode = authMode,
            IdentityFile = identityFile,
            TlsCertPath = tlsCert is null ? null : ExpandHome(tlsCert, home),
            TlsKeyPath = tlsKey is null ? null : ExpandHome(tlsKey, home),
            LogFormat = ParseLogFormat(Pick(result, s.LogFormat, file.LogFormat)!),
            HotDir = hotDir is null ? Path.GetDirectoryName(Path.GetFullPath(database))! : ExpandHome(hotDir, home),
            CorsOrigins = SplitList(Pick(result, s.CorsOrigins, file.CorsOrigins)),
            JwtExpirySeconds = Pick(result, s.JwtExpiry, file.JwtExpirySeconds),
            ChunkSize = Pick(result, s.ChunkSize, file.ChunkSize),
            SiloPort = result.GetValue(s.SiloPort),
            GatewayPort = result.GetValue(s.GatewayPort),
            Peers = peers,
            Join = join,
            JoinToken = joinToken,
            AdvertiseUrl = result.GetValue(s.AdvertiseUrl),
            HeartbeatInterval = result.GetValue(s.HeartbeatIntervalMs) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            HoneymoonSamples = result.GetValue(s.HoneymoonSamples),
            HoneymoonMaxJitter = TimeSpan.FromMilliseconds(result.GetValue(s.HoneymoonMaxJitterMs)),
            SyncInterval = TimeSpan.FromMilliseconds(result.GetValue(s.SyncIntervalMs)),
            SyncDebounce = TimeSpan.FromMilliseconds(result.GetValue(s.SyncDebounceMs)),
            ScaleOut = BuildScaleOut(result, s.ScaleOut, environment),
            PeerLink = peerLink,
            Operations = BuildOperations(result, s, file),
            Limits = BuildLimits(result, s),
            Storage = BuildStorage(result, s),
        });
    }

    private static (AuthMode Mode, string? IdentityFile) ResolveAuth(ParseResult result, Symbols s, ConfigFile file, Func<string, string?> environment, string home)
    {
        var flag = result.GetValue(s.Auth);
        if (flag is not null)
        {
            return ParseAuth(flag, home) ?? throw new UsageException($"unknown --auth value '{flag}' (expected self, ./, file:///path or disabled)");
        }

        if (environment(AuthVariable) is { Length: > 0 } fromEnvironment)
        {
            return ParseAuth(fromEnvironment, home) ?? throw new UsageException($"unknown {AuthVariable} value '{fromEnvironment}' (expected self, ./, file:///path or disabled)");
        }

        if (file.AuthMode is not null)
        {
            return ParseAuth(file.AuthMode, home) ?? throw new FormatException($"unknown auth.mode '{file.AuthMode}' in the config file");
        }

        var identity = Path.Combine(home, ".aeordb-config", "aeordb", "identity");
        return File.Exists(identity) ? (AuthMode.File, identity) : (AuthMode.Self, null);
    }

    /// <summary>The flag when given explicitly, else the config file's value, else the flag's default.</summary>
    private static T? Pick<T>(ParseResult result, Option<T> option, T? fromFile)
    {
        var given = result.GetResult(option) is { Implicit: false };
        return given || fromFile is null ? result.GetValue(option) : fromFile;
    }

    private static T Pick<T>(ParseResult result, Option<T> option, T? fromFile)
        where T : struct
    {
        var given = result.GetResult(option) is { Implicit: false };
        return given || fromFile is null ? result.GetValue(option) : fromFile.Value;
    }

    /// <summary>An IPv4 dotted quad or an IPv6 literal (optionally bracketed); not a name, not the short numeric forms IPAddress also accepts.</summary>
    private static IPAddress? ParseHost(string host)
    {
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        var looksLikeIp = literal.Contains(':') || DottedQuad().IsMatch(literal);
        return looksLikeIp && IPAddress.TryParse(literal, out var address) ? address : null;
    }

    private static LogFormat ParseLogFormat(string value) => value.ToLowerInvariant() switch
    {
        "pretty" => LogFormat.Pretty,
        "json" => LogFormat.Json,
        "compact" => LogFormat.Compact,
        _ => throw new FormatException($"unknown log format '{value}' (expected pretty, json or compact)"),
    };

    private static string[] SplitList(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string ExpandHome(string path, string home) =>
        path == "~" ? home : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : path;

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}$")]
    private static partial Regex DottedQuad();

    /// <summary>A bad value that counts as a usage error (exit 2), found after parsing.</summary>
    private sealed class UsageException(string message) : Exception(message);
}
