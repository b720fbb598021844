using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AeorDb.Tests.TestSupport;

/// <summary>
/// One real <c>aeordb start</c> process on loopback with its own temp directory and ephemeral ports.
/// Dispose kills whatever is left and deletes the directory.
/// </summary>
public sealed partial class AeorDbNode : IAsyncDisposable
{
    /// <summary>The nil UUID: the root user's id (CONTRACT §1.3).</summary>
    public const string RootUserId = "00000000-0000-0000-0000-000000000000";

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private NodeOptions _options;
    private readonly TempDirectory _directory = new();
    private Process? _process;
    private HttpClient _http;
    private string? _rootToken;

    private AeorDbNode(NodeOptions options)
    {
        _options = options;
        DatabasePath = _directory.Combine("node.aeordb");
        PickPorts();
        _http = CreateHttpClient();
    }

    /// <summary>The database file (<c>-D</c>); it stays across <see cref="RestartAsync"/>.</summary>
    public string DatabasePath { get; }

    /// <summary>The node's private temp directory (also its working directory and HOME).</summary>
    public string Directory => _directory.Path;

    /// <summary>The HTTP port.</summary>
    public int Port { get; private set; }

    /// <summary>The Orleans silo port.</summary>
    public int SiloPort { get; private set; }

    /// <summary>The Orleans gateway port.</summary>
    public int GatewayPort { get; private set; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c> (<c>https://</c> with <see cref="NodeOptions.TrustedAuthority"/>).</summary>
    public Uri BaseUrl => new($"{(_options.TrustedAuthority is null ? "http" : "https")}://127.0.0.1:{Port}/");

    /// <summary>The root API key the first start printed (null when none was expected).</summary>
    public string? RootKey { get; private set; }

    /// <summary>An HTTP client on <see cref="BaseUrl"/> with no credentials; replaced on restart.</summary>
    public HttpClient Http => _http;

    /// <summary>The output of the current (or last) run.</summary>
    public ProcessLog Output { get; private set; } = new();

    /// <summary>The outputs of every run, oldest first.</summary>
    public List<ProcessLog> Runs { get; } = [];

    /// <summary>The exit code of the last run, once it has exited.</summary>
    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>A client that sends no credentials.</summary>
    public ApiClient Anonymous => new(() => _http, token: null);

    /// <summary>Starts a node and waits until it is healthy and (unless told otherwise) has printed its root key.</summary>
    public static async Task<AeorDbNode> StartAsync(NodeOptions? options = null)
    {
        var node = new AeorDbNode(options ?? new NodeOptions());
        try
        {
            await node.StartWithPortRetryAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client sending <paramref name="token"/> as its Bearer JWT.</summary>
    public ApiClient WithToken(string token) => new(() => _http, token);

    /// <summary>A client authenticated as root through a JWT minted once from <see cref="RootKey"/> (the rate limit counts mints).</summary>
    public async Task<ApiClient> RootAsync() => WithToken(await RootTokenAsync());

    /// <summary>A root JWT, minted once from the printed root key via <c>POST /auth/token</c>.</summary>
    public async Task<string> RootTokenAsync()
    {
        if (_rootToken is null)
        {
            var key = RootKey ?? throw new InvalidOperationException("This node printed no root API key.");
            var body = await MintTokenAsync(key);
            _rootToken = body.GetProperty("token").GetString()!;
        }

        return _rootToken;
    }

    /// <summary><c>POST /auth/token</c> for <paramref name="apiKey"/>; fails the test unless it answers 200.</summary>
    public async Task<JsonElement> MintTokenAsync(string apiKey, bool includeRefresh = false)
    {
        using var response = await Anonymous.PostJsonAsync("/auth/token", new { api_key = apiKey, include_refresh = includeRefresh });
        return await Expect.JsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Stops gracefully (SIGTERM) and waits for exit; kills after a deadline. Returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The node was never started.");
        AeorDbProcess.Terminate(process);
        if (!await AeorDbProcess.WaitForExitAsync(process, StopTimeout))
        {
            AeorDbProcess.TryKill(process);
            await AeorDbProcess.WaitForExitAsync(process, StopTimeout);
            throw new TimeoutException($"aeordb did not stop within {StopTimeout} of SIGTERM; killed.\n{Output.Tail()}");
        }

        return process.ExitCode;
    }

    /// <summary>SIGKILL (<c>kill -9</c>): no chance to flush anything not already durable.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The node was never started.");
        AeorDbProcess.TryKill(process);
        if (!await AeorDbProcess.WaitForExitAsync(process, StopTimeout))
        {
            throw new TimeoutException($"aeordb did not die after SIGKILL.\n{Output.Tail()}");
        }
    }

    /// <summary>Freezes the process (SIGSTOP): its sockets stay open but it sends nothing, as a hung peer would.</summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    /// <summary>Thaws a process frozen by <see cref="PauseAsync"/> (SIGCONT).</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    private async Task SignalAsync(string signal)
    {
        var process = _process ?? throw new InvalidOperationException("The node was never started.");
        using var kill = System.Diagnostics.Process.Start("kill", [signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {process.Id} failed with {kill.ExitCode}");
        }
    }

    /// <summary>
    /// Starts the node again on the same database file and ports, after a stop or kill; with
    /// <paramref name="extraArguments"/>, those replace the extra arguments for this and later runs.
    /// </summary>
    public async Task RestartAsync(IReadOnlyList<string>? extraArguments = null)
    {
        if (extraArguments is not null)
        {
            _options = _options with { ExtraArguments = extraArguments };
        }

        if (IsRunning)
        {
            throw new InvalidOperationException("Stop or kill the node before restarting it.");
        }

        _http.Dispose();
        _http = CreateHttpClient();
        await LaunchAndWaitAsync(expectRootKey: false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            AeorDbProcess.TryKill(_process);
            await AeorDbProcess.WaitForExitAsync(_process, StopTimeout);
            _process.Dispose();
        }

        _http.Dispose();
        _directory.Dispose();
    }

    /// <summary>The root API key printed in <paramref name="log"/>'s stdout key block, if any (CONTRACT §2).</summary>
    public static string? FindPrintedKey(ProcessLog log)
    {
        var match = PrintedKey().Match(log.StdoutText);
        return match.Success ? match.Groups[1].Value : null;
    }

    private async Task StartWithPortRetryAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await LaunchAndWaitAsync(_options.ExpectRootKey);
                RootKey = _options.ExpectRootKey ? FindPrintedKey(Output) : null;
                return;
            }
            catch (NodeStartException e) when (attempt < 3 && e.PortInUse)
            {
                // Another process took a port between FreePort and bind; pick fresh ones and try again.
                PickPorts();
                _http.Dispose();
                _http = CreateHttpClient();
            }
        }
    }

    private async Task LaunchAndWaitAsync(bool expectRootKey)
    {
        Output = new ProcessLog();
        Runs.Add(Output);
        _process?.Dispose();
        _process = AeorDbProcess.Launch(Arguments(), Directory, _options.Environment, Output);

        var clock = Stopwatch.StartNew();
        var healthy = await Poll.UntilAsync(IsHealthyOrExitedAsync, _options.StartTimeout);
        if (_process.HasExited)
        {
            throw NodeStartException.Exited(_process.ExitCode, Output);
        }

        if (!healthy)
        {
            AeorDbProcess.TryKill(_process);
            throw new NodeStartException($"GET /system/health did not report \"healthy\" within {_options.StartTimeout}.", Output);
        }

        if (expectRootKey)
        {
            var remaining = _options.StartTimeout - clock.Elapsed;
            var printed = await Poll.UntilAsync(() => FindPrintedKey(Output) is not null, remaining > TimeSpan.FromSeconds(10) ? remaining : TimeSpan.FromSeconds(10));
            if (!printed)
            {
                throw new NodeStartException("The node is healthy but printed no ROOT API KEY block on first start.", Output);
            }
        }
    }

    private async Task<bool> IsHealthyOrExitedAsync()
    {
        if (_process!.HasExited)
        {
            return true;
        }

        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var response = await _http.GetAsync("/system/health", cts.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));
            return body.RootElement.TryGetProperty("status", out var status) && status.GetString() == "healthy";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException)
        {
            return false;
        }
    }

    private List<string> Arguments()
    {
        List<string> arguments = ["start", "-D", DatabasePath, "--host", "127.0.0.1", "--port", Port.ToString()];
        if (_options.PassOrleansPorts)
        {
            arguments.AddRange(["--silo-port", SiloPort.ToString(), "--gateway-port", GatewayPort.ToString()]);
        }
        if (_options.Auth is not null)
        {
            arguments.Add("--auth");
            arguments.Add(_options.Auth);
        }

        if (_options.AdvertiseSelf)
        {
            arguments.AddRange(["--advertise-url", BaseUrl.ToString().TrimEnd('/')]);
        }

        arguments.AddRange(_options.ExtraArguments);
        return arguments;
    }

    private void PickPorts()
    {
        Port = FreePort.Next();
        SiloPort = FreePort.Next();
        GatewayPort = FreePort.Next();
    }

    private HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        if (_options.TrustedAuthority is { } authority)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || TestCertificates.ChainsTo(certificate, authority);
        }

        return new HttpClient(handler) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(100) };
    }

    [GeneratedRegex(@"ROOT API KEY[^\n]*\n\s*(aeor_k_[0-9a-f]{16}_[0-9a-f]{64})\s*(\n|$)")]
    private static partial Regex PrintedKey();
}
