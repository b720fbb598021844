using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AeorDb.Bench.Http;
using AeorDb.Bench.Processes;

namespace AeorDb.Bench.Targets;

/// <summary>
/// The subject: a published <c>aeordb</c> binary started on a fresh database in a temp dir. The root
/// API key printed at first start (CONTRACT §2) is exchanged for a JWT (§3.2) that every request carries.
/// </summary>
internal sealed partial class AeorDbTarget : IBenchTarget
{
    internal static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly ChildProcess _process;

    private AeorDbTarget(ChildProcess process, string description, HttpClient client, int port, string rootKey)
    {
        _process = process;
        Description = description;
        Pids = [process.Pid];
        Client = client;
        Port = port;
        RootKey = rootKey;
    }

    public string Name => "aeordb";

    public string Description { get; }

    public IReadOnlyList<int> Pids { get; }

    public HttpClient Client { get; }

    /// <summary>The HTTP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Base URL without a trailing slash, as a peer address.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The root API key printed at first start (a join token for another node).</summary>
    public string RootKey { get; }

    /// <summary>
    /// Starts <paramref name="binary"/> (an apphost, or a .dll run with <c>dotnet</c>) with
    /// <c>start -D &lt;dir&gt;/bench.aeordb --host 127.0.0.1 --port ...</c> plus <paramref name="extraArgs"/>,
    /// waits for the key and for <c>/system/health</c> to say healthy, then signs in. <paramref name="port"/>
    /// picks the HTTP port (a free one when null), for a node whose address must be known before it starts.
    /// </summary>
    public static async Task<AeorDbTarget> StartAsync(string binary, string workDir, IReadOnlyList<string> extraArgs, int connections, CancellationToken cancellationToken, int? port = null)
    {
        return await StartCoreAsync(binary, workDir, extraArgs, connections, port ?? FreePort.Next(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<AeorDbTarget> StartCoreAsync(string binary, string workDir, IReadOnlyList<string> extraArgs, int connections, int port, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDir);
        var args = new List<string>();
        var file = binary;
        if (binary.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            file = "dotnet";
            args.Add(binary);
        }

        args.AddRange(["start", "-D", Path.Combine(workDir, "bench.aeordb"), "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        args.AddRange(extraArgs.Select(a => a.Replace("{free}", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));

        // A private HOME and no AEORDB_AUTH: auth mode falls back to "self" (CONTRACT §2), whatever the caller's environment holds.
        var environment = new Dictionary<string, string?> { ["HOME"] = workDir, ["AEORDB_AUTH"] = null };
        var process = ChildProcess.Start(file, args, "aeordb", environment);
        HttpClient? client = null;
        try
        {
            var keyLine = await process.WaitForLineAsync(line => RootKeyPattern().IsMatch(line), StartTimeout, cancellationToken).ConfigureAwait(false);
            var key = RootKeyPattern().Match(keyLine).Value;
            client = BenchHttp.Create(new Uri($"http://127.0.0.1:{port}/"), connections, bearerToken: null);
            var version = await WaitHealthyAsync(client, process, port, cancellationToken).ConfigureAwait(false);

            var jwt = await SignInAsync(client, key, cancellationToken).ConfigureAwait(false);
            client.Dispose();
            client = BenchHttp.Create(new Uri($"http://127.0.0.1:{port}/"), connections, jwt);
            // Temp paths and ports change every run; the report shows the command's shape instead.
            var shape = string.Join(' ', ["start -D <temp>/bench.aeordb --host 127.0.0.1 --port {free}", .. extraArgs]);
            return new AeorDbTarget(process, $"aeordb {version} ({Path.GetFileName(binary)}), {shape}", client, port, key);
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not BenchException)
        {
            client?.Dispose();
            var tail = process.Tail();
            await process.DisposeAsync().ConfigureAwait(false);
            throw new BenchException($"aeordb: {e.Message}\n{tail}");
        }
        catch
        {
            client?.Dispose();
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Polls <c>/system/health</c> until it says healthy (or the process exits, or the start timeout passes); returns the version it reports.</summary>
    internal static async Task<string> WaitHealthyAsync(HttpClient client, ChildProcess process, int port, CancellationToken cancellationToken)
    {
        var version = "?";
        await ServerWait.UntilAsync(
            async token =>
            {
                using var response = await client.GetAsync($"http://127.0.0.1:{port}/system/health", token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return false;
                }

                using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync(token).ConfigureAwait(false));
                version = health.RootElement.TryGetProperty("version", out var v) ? v.GetString() ?? "?" : "?";
                return health.RootElement.TryGetProperty("status", out var status) && status.GetString() == "healthy";
            },
            () => process.HasExited,
            StartTimeout,
            $"aeordb on port {port}",
            cancellationToken).ConfigureAwait(false);
        return version;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _process.DisposeAsync().ConfigureAwait(false);
    }

    internal static async Task<string> SignInAsync(HttpClient client, string apiKey, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync("/auth/token", new Dictionary<string, string> { ["api_key"] = apiKey }, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"POST /auth/token answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("token").GetString() ?? throw new BenchException("POST /auth/token: no token");
    }

    [GeneratedRegex("aeor_k_[0-9a-f]{16}_[0-9a-f]{64}")]
    internal static partial Regex RootKeyPattern();
}
