using System.Globalization;
using AeorDb.Bench.Http;
using AeorDb.Bench.Processes;

namespace AeorDb.Bench.Targets;

/// <summary>
/// One node run as one or more <c>aeordb</c> silos on a PostgreSQL database (<c>--cluster-db</c>). The first
/// silo makes the node and prints its root key; the others join it. Requests take turns over every silo's HTTP
/// port, as behind a round-robin balancer. The server's CPU counts the silos and the PostgreSQL server with its
/// backends (the node's storage runs there), read as the postmaster's children at the start of each phase.
/// </summary>
internal sealed class ScaleOutTarget : IBenchTarget
{
    private readonly List<ChildProcess> _silos;
    private readonly int _postmaster;

    private ScaleOutTarget(string name, List<ChildProcess> silos, int postmaster, string description, HttpClient client)
    {
        Name = name;
        _silos = silos;
        _postmaster = postmaster;
        Description = description;
        Client = client;
    }

    public string Name { get; }

    public string Description { get; }

    public IReadOnlyList<int> Pids =>
        [.. _silos.Select(s => s.Pid), .. _postmaster > 0 ? ProcStats.Family(_postmaster) : []];

    public HttpClient Client { get; }

    /// <summary>Starts <paramref name="silos"/> silos of one node on <paramref name="connectionString"/>, one after another, and signs in.</summary>
    public static async Task<ScaleOutTarget> StartAsync(string name, string binary, string workDir, string connectionString, int silos, int postmaster, int connections, CancellationToken cancellationToken)
    {
        var started = new List<ChildProcess>();
        var ports = new List<int>();
        HttpClient? probe = null;
        try
        {
            string? key = null;
            var version = "?";
            for (var i = 0; i < silos; i++)
            {
                var port = FreePort.Next();
                var process = StartSilo(binary, Path.Combine(workDir, $"silo{i + 1}"), connectionString, port);
                started.Add(process);
                ports.Add(port);
                if (i == 0)
                {
                    var keyLine = await process.WaitForLineAsync(line => AeorDbTarget.RootKeyPattern().IsMatch(line), AeorDbTarget.StartTimeout, cancellationToken).ConfigureAwait(false);
                    key = AeorDbTarget.RootKeyPattern().Match(keyLine).Value;
                }

                probe ??= BenchHttp.Create(new Uri($"http://127.0.0.1:{port}/"), connections, bearerToken: null);
                version = await AeorDbTarget.WaitHealthyAsync(probe, process, port, cancellationToken).ConfigureAwait(false);
            }

            var jwt = await AeorDbTarget.SignInAsync(probe!, key!, cancellationToken).ConfigureAwait(false);
            var client = BenchHttp.CreateSpread([.. ports.Select(p => new Uri($"http://127.0.0.1:{p}/"))], connections, jwt);
            var description = $"aeordb {version} ({Path.GetFileName(binary)}), {silos} silo{(silos == 1 ? "" : "s")} of one node, each " +
                "start --cluster-db <fresh database> --host 127.0.0.1 --port {free} --silo-port {free} --gateway-port {free}" +
                (silos > 1 ? ", requests round-robin over the silos' HTTP ports" : "");
            return new ScaleOutTarget(name, started, postmaster, description, client);
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not BenchException)
        {
            var tails = string.Join('\n', started.Select(s => s.Tail()));
            await StopAsync(started).ConfigureAwait(false);
            throw new BenchException($"{name}: {e.Message}\n{tails}");
        }
        catch
        {
            await StopAsync(started).ConfigureAwait(false);
            throw;
        }
        finally
        {
            probe?.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await StopAsync(_silos).ConfigureAwait(false);
    }

    private static ChildProcess StartSilo(string binary, string workDir, string connectionString, int port)
    {
        Directory.CreateDirectory(workDir);
        var args = new List<string>();
        var file = binary;
        if (binary.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            file = "dotnet";
            args.Add(binary);
        }

        string Free() => FreePort.Next().ToString(CultureInfo.InvariantCulture);
        args.AddRange(["start", "-D", Path.Combine(workDir, "unused.aeordb"), "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--silo-port", Free(), "--gateway-port", Free()]);

        // The connection string (with its password) goes through the environment, not the command line.
        var environment = new Dictionary<string, string?> { ["HOME"] = workDir, ["AEORDB_AUTH"] = null, ["AEORDB_CLUSTER_DB"] = connectionString };
        return ChildProcess.Start(file, args, "aeordb-silo", environment);
    }

    private static async Task StopAsync(List<ChildProcess> silos)
    {
        // In reverse start order, each silo stopped (SIGTERM, then kill) before the next.
        for (var i = silos.Count - 1; i >= 0; i--)
        {
            await silos[i].DisposeAsync().ConfigureAwait(false);
        }
    }
}
