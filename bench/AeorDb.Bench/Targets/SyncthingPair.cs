using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AeorDb.Bench.Http;
using AeorDb.Bench.Processes;

namespace AeorDb.Bench.Targets;

/// <summary>
/// The replication baseline: two Syncthing instances on loopback sharing one folder. Each gets a generated
/// home (<c>syncthing generate</c>), a config edited to loopback only (listen address on 127.0.0.1, no
/// global or local discovery, relays, NAT, usage reporting, crash reporting or upgrades; normal priority;
/// GUI/REST on 127.0.0.1 with an API key), then the REST API adds the other device and the folder
/// (send-receive, file watcher off, hourly rescans) on both.
/// </summary>
internal sealed partial class SyncthingPair : IAsyncDisposable
{
    private const string FolderId = "bench";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Instance _a;
    private readonly Instance _b;

    private SyncthingPair(Instance a, Instance b, string version, int? watcherDelayS)
    {
        _a = a;
        _b = b;
        Description = watcherDelayS is { } delay
            ? $"{version}, two instances, loopback only, folder with the file watcher on (fsWatcherDelayS {delay}{(delay == 10 ? ", Syncthing's default" : "")}); no rescan asked for"
            : $"{version}, two instances, loopback only, folder with file watcher off; a REST rescan of the written subdirectory right after writing";
    }

    public string Description { get; }

    /// <summary>The shared folder on the instance written to.</summary>
    public string FolderA => _a.Folder;

    /// <summary>The shared folder on the instance read from.</summary>
    public string FolderB => _b.Folder;

    /// <summary>Both instances with their children: <c>syncthing serve</c> runs the syncing process under a monitor process.</summary>
    public IReadOnlyList<int> Pids => [.. ProcStats.Family(_a.Process.Pid), .. ProcStats.Family(_b.Process.Pid)];

    /// <summary>
    /// Starts the pair; with <paramref name="watcherDelayS"/> the folder's file watcher is on with that delay (Syncthing's
    /// default is 10 s) and nothing asks for rescans, else the watcher is off and the bench asks for a rescan after writing.
    /// </summary>
    public static async Task<SyncthingPair> StartAsync(string binary, string workDir, CancellationToken cancellationToken, int? watcherDelayS = null)
    {
        var version = (await RunAsync(binary, ["--version"], cancellationToken).ConfigureAwait(false)).Trim();
        var a = await Instance.CreateAsync(binary, Path.Combine(workDir, "a"), cancellationToken).ConfigureAwait(false);
        var b = await Instance.CreateAsync(binary, Path.Combine(workDir, "b"), cancellationToken).ConfigureAwait(false);
        var pair = new SyncthingPair(a, b, Regex.Match(version, @"^syncthing v\S+").Value, watcherDelayS);
        try
        {
            a.Start(binary);
            b.Start(binary);
            await a.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
            await b.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (self, other) in new[] { (a, b), (b, a) })
            {
                await self.PutAsync($"/rest/config/devices/{other.DeviceId}", new JsonObject
                {
                    ["deviceID"] = other.DeviceId,
                    ["name"] = other.Name,
                    ["addresses"] = new JsonArray($"tcp://127.0.0.1:{other.ListenPort.ToString(CultureInfo.InvariantCulture)}"),
                }, cancellationToken).ConfigureAwait(false);
                await self.PutAsync($"/rest/config/folders/{FolderId}", new JsonObject
                {
                    ["id"] = FolderId,
                    ["label"] = FolderId,
                    ["path"] = self.Folder,
                    ["type"] = "sendreceive",
                    ["fsWatcherEnabled"] = watcherDelayS is not null,
                    ["fsWatcherDelayS"] = watcherDelayS ?? 10,
                    ["rescanIntervalS"] = 3600,
                    ["devices"] = new JsonArray(new JsonObject { ["deviceID"] = self.DeviceId }, new JsonObject { ["deviceID"] = other.DeviceId }),
                }, cancellationToken).ConfigureAwait(false);
            }

            await ServerWait.UntilAsync(
                async token => await a.ConnectedToAsync(b.DeviceId, token).ConfigureAwait(false) && await b.ConnectedToAsync(a.DeviceId, token).ConfigureAwait(false),
                () => a.Process.HasExited || b.Process.HasExited,
                StartTimeout,
                "syncthing pair: devices connected",
                cancellationToken).ConfigureAwait(false);
            return pair;
        }
        catch
        {
            await pair.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Asks the writing instance to rescan <paramref name="subdirectory"/> of the folder now.</summary>
    public Task RescanAsync(string subdirectory, CancellationToken cancellationToken) =>
        _a.PostAsync($"/rest/db/scan?folder={FolderId}&sub={Uri.EscapeDataString(subdirectory)}", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _b.DisposeAsync().ConfigureAwait(false);
        await _a.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<string> RunAsync(string binary, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var info = new System.Diagnostics.ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(info) ?? throw new BenchException($"could not start {binary}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var text = await output.ConfigureAwait(false) + await error.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new BenchException($"{binary} {string.Join(' ', args)} exited with {process.ExitCode}: {text}");
        }

        return text;
    }

    [GeneratedRegex(@"Device ID: ([A-Z0-9-]{63})")]
    private static partial Regex DeviceIdLine();

    /// <summary>One Syncthing instance: its home, folder, ports and REST client.</summary>
    private sealed class Instance : IAsyncDisposable
    {
        private HttpClient? _rest;

        private Instance(string home, string deviceId, int guiPort, int listenPort, string apiKey)
        {
            Home = home;
            DeviceId = deviceId;
            GuiPort = guiPort;
            ListenPort = listenPort;
            ApiKey = apiKey;
            Folder = Path.Combine(home, "folder");
            Name = Path.GetFileName(home);
        }

        public string Home { get; }

        public string Name { get; }

        public string DeviceId { get; }

        public int GuiPort { get; }

        public int ListenPort { get; }

        public string ApiKey { get; }

        public string Folder { get; }

        public ChildProcess Process { get; private set; } = null!;

        private HttpClient Rest => _rest ?? throw new InvalidOperationException("not started");

        public static async Task<Instance> CreateAsync(string binary, string home, CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(home);
            var output = await RunAsync(binary, ["generate", $"--home={home}", "--no-default-folder", "--skip-port-probing"], cancellationToken).ConfigureAwait(false);
            var deviceId = DeviceIdLine().Match(output) is { Success: true } m ? m.Groups[1].Value : throw new BenchException($"syncthing generate printed no device id: {output}");
            var instance = new Instance(home, deviceId, FreePort.Next(), FreePort.Next(), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
            Directory.CreateDirectory(instance.Folder);
            instance.WriteConfig();
            return instance;
        }

        public void Start(string binary)
        {
            var environment = new Dictionary<string, string?> { ["HOME"] = Home, ["STNOUPGRADE"] = "1", ["STNODEFAULTFOLDER"] = "1", ["STNORESTART"] = "1" };
            Process = ChildProcess.Start(binary, ["serve", $"--home={Home}", "--no-browser", "--no-restart", "--no-upgrade"], $"syncthing-{Name}", environment);
            _rest = BenchHttp.Create(new Uri($"http://127.0.0.1:{GuiPort.ToString(CultureInfo.InvariantCulture)}/"), 4, bearerToken: null);
            _rest.DefaultRequestHeaders.Add("X-API-Key", ApiKey);
        }

        public Task WaitReadyAsync(CancellationToken cancellationToken) =>
            ServerWait.UntilAsync(
                async token =>
                {
                    using var response = await Rest.GetAsync("/rest/system/ping", token).ConfigureAwait(false);
                    return response.IsSuccessStatusCode;
                },
                () => Process.HasExited,
                StartTimeout,
                $"syncthing {Name} on port {GuiPort}",
                cancellationToken);

        public async Task PutAsync(string route, JsonObject body, CancellationToken cancellationToken)
        {
            using var response = await Rest.PutAsJsonAsync(route, body, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchException($"syncthing {Name}: PUT {route} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
            }
        }

        public async Task PostAsync(string route, CancellationToken cancellationToken)
        {
            using var response = await Rest.PostAsync(route, content: null, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchException($"syncthing {Name}: POST {route} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
            }
        }

        public async Task<bool> ConnectedToAsync(string deviceId, CancellationToken cancellationToken)
        {
            using var response = await Rest.GetAsync("/rest/system/connections", cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return json.RootElement.GetProperty("connections").TryGetProperty(deviceId, out var connection)
                && connection.GetProperty("connected").GetBoolean();
        }

        public async ValueTask DisposeAsync()
        {
            _rest?.Dispose();
            if (Process is not null)
            {
                await Process.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>Loopback only, nothing phoning out, normal priority; GUI/REST on loopback with the API key.</summary>
        private void WriteConfig()
        {
            var path = Path.Combine(Home, "config.xml");
            var config = XDocument.Load(path);
            var root = config.Root ?? throw new BenchException($"{path}: empty");
            var gui = root.Element("gui") ?? throw new BenchException($"{path}: no <gui>");
            gui.SetAttributeValue("tls", "false");
            gui.SetElementValue("address", $"127.0.0.1:{GuiPort.ToString(CultureInfo.InvariantCulture)}");
            gui.SetElementValue("apikey", ApiKey);
            var options = root.Element("options") ?? throw new BenchException($"{path}: no <options>");
            options.Elements("listenAddress").Remove();
            options.Add(new XElement("listenAddress", $"tcp://127.0.0.1:{ListenPort.ToString(CultureInfo.InvariantCulture)}"));
            foreach (var (name, value) in new[]
            {
                ("globalAnnounceEnabled", "false"), ("localAnnounceEnabled", "false"), ("relaysEnabled", "false"),
                ("natEnabled", "false"), ("urAccepted", "-1"), ("autoUpgradeIntervalH", "0"), ("crashReportingEnabled", "false"),
                ("startBrowser", "false"), ("setLowPriority", "false"),
            })
            {
                options.SetElementValue(name, value);
            }

            foreach (var device in root.Elements("device"))
            {
                device.SetAttributeValue("name", Name);
            }

            config.Save(path);
        }
    }
}
