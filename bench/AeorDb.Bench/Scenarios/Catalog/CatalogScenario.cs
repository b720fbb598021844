using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AeorDb.Bench.Cli;
using AeorDb.Bench.Http;
using AeorDb.Bench.Processes;
using AeorDb.Bench.Report;
using AeorDb.Bench.Targets;

namespace AeorDb.Bench.Scenarios.Catalog;

/// <summary>
/// <c>catalog</c>: one node grown to large catalogs of small files (issue 14, step D). At each checkpoint: the PUT rate
/// of the next <c>--sample</c> new files, the silo's RSS, and an incremental <c>/sync/diff</c>. Then the node is stopped
/// and started again, timed until the first GET of a stored file is served (cold start).
/// </summary>
internal sealed class CatalogScenario : IScenario
{
    public string Name => "catalog";

    public string Summary => "PUT rate, RSS, cold start and /sync/diff on catalogs of up to a million files";

    public string Help => CatalogOptions.Help;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = CatalogOptions.Parse(args);
        var command = Environment.GetEnvironmentVariable("BENCH_COMMAND") ?? "AeorDb.Bench catalog " + string.Join(' ', args);
        var temp = Directory.CreateTempSubdirectory("aeordb-bench-catalog-");
        Console.WriteLine($"catalog scenario; temp dir {temp.FullName}");
        var points = new List<CatalogPoint>();
        try
        {
            string description, token;
            long emptyRss;
            await using (var node = await AeorDbTarget.StartAsync(options.AeorDb, temp.FullName, [], options.Concurrency, cancellationToken).ConfigureAwait(false))
            {
                description = node.Description;
                token = node.Client.DefaultRequestHeaders.Authorization!.Parameter!;
                emptyRss = ProcStats.RssBytes(node.Pids);
                var filled = 0;
                foreach (var checkpoint in options.Checkpoints)
                {
                    var fill = Stopwatch.StartNew();
                    await FillAsync(node.Client, filled, Math.Max(filled, checkpoint - options.Sample), options.Concurrency, cancellationToken).ConfigureAwait(false);
                    var timed = Stopwatch.StartNew();
                    await FillAsync(node.Client, Math.Max(filled, checkpoint - options.Sample), checkpoint, options.Concurrency, cancellationToken).ConfigureAwait(false);
                    var rate = (checkpoint - Math.Max(filled, checkpoint - options.Sample)) / timed.Elapsed.TotalSeconds;
                    filled = checkpoint;

                    // RSS of the PUT workload, read before the diffs: the root lookup below is a full listing, which
                    // on a million files briefly holds every entry and its history.
                    var rss = ProcStats.RssBytes(node.Pids);
                    var diff = await DiffMedianAsync(node.Client, filled, options.DiffRepeats, cancellationToken).ConfigureAwait(false);
                    var point = new CatalogPoint(checkpoint, rate, rss, diff, fill.Elapsed.TotalSeconds);
                    points.Add(point);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {checkpoint} files: {rate:0} PUT/s over the last {options.Sample}, RSS {point.RssBytes / 1048576.0:0} MiB, incremental diff {diff:0.00} ms, filled in {point.FillSeconds:0} s"));
                }
            }

            var coldStart = await ColdStartAsync(options.AeorDb, temp.FullName, token, PathOf(0), cancellationToken).ConfigureAwait(false) with { EmptyRssBytes = emptyRss };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  cold start with {options.Checkpoints[^1]} files: first GET served after {coldStart.FirstGetSeconds:0.00} s, first PUT acknowledged after {coldStart.FirstPutSeconds:0.00} s, RSS then {coldStart.LoadedRssBytes / 1048576.0:0} MiB (new empty node {emptyRss / 1048576.0:0} MiB)"));
            await ScenarioOutput.PublishAsync(Markdown(points, coldStart, options, command, description), options.Markdown, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            if (!options.Keep)
            {
                ScenarioOutput.TryDelete(temp);
            }
        }
    }

    /// <summary>File <paramref name="index"/>: 100 files a directory, 100 directories a level (as the sync-diff nested layout).</summary>
    private static string PathOf(int index) => $"/catalog/{index / 10_000:D3}/{index / 100 % 100:D2}/f{index:D7}.txt";

    private static async Task FillAsync(HttpClient client, int from, int to, int concurrency, CancellationToken cancellationToken)
    {
        await Parallel.ForAsync(from, to, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, token) =>
        {
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes($"file {i} of the catalog\n"));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            using var response = await client.PutAsync("/files" + PathOf(i), content, token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchException($"PUT {PathOf(i)} answered {(int)response.StatusCode}");
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Median time of <c>/sync/diff</c> since the root before one more PUT. The root comes from one full listing; each
    /// timed diff then returns the root the next one starts from.
    /// </summary>
    private static async Task<double> DiffMedianAsync(HttpClient client, int files, int repeats, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        var root = await RootAsync(client, """{"paths":["/no-such-path"]}""", cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < repeats; i++)
        {
            await FillAsync(client, files + i, files + i + 1, 1, cancellationToken).ConfigureAwait(false);
            var watch = Stopwatch.StartNew();
            root = await RootAsync(client, JsonSerializer.Serialize(new Dictionary<string, string> { ["since_root_hash"] = root }), cancellationToken).ConfigureAwait(false);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static async Task<string> RootAsync(HttpClient client, string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/sync/diff", content, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"POST /sync/diff answered {(int)response.StatusCode}: {text}");
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("root_hash").GetString()!;
    }

    /// <summary>
    /// Starts the node again on its database and times it until a GET of a stored file answers 200, then until a PUT of
    /// a new file is acknowledged (a write needs the whole catalog loaded), and reads its RSS at that point.
    /// </summary>
    private static async Task<CatalogColdStart> ColdStartAsync(string binary, string workDir, string token, string path, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var (file, args) = binary.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ("dotnet", new List<string> { binary }) : (binary, new List<string>());
        args.AddRange(["start", "-D", Path.Combine(workDir, "bench.aeordb"), "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--silo-port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--gateway-port", FreePort.Next().ToString(CultureInfo.InvariantCulture)]);
        var watch = Stopwatch.StartNew();
        await using var process = ChildProcess.Start(file, args, "aeordb", new Dictionary<string, string?> { ["HOME"] = workDir, ["AEORDB_AUTH"] = null });
        using var client = BenchHttp.Create(new Uri($"http://127.0.0.1:{port}/"), 1, token);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (process.HasExited)
            {
                throw new BenchException("aeordb exited during the cold start:\n" + process.Tail());
            }

            try
            {
                using var response = await client.GetAsync("/files" + path, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    var firstGet = watch.Elapsed.TotalSeconds;
                    await FirstPutAsync(client, cancellationToken).ConfigureAwait(false);
                    return new CatalogColdStart(firstGet, watch.Elapsed.TotalSeconds, ProcStats.RssBytes(ProcStats.Family(process.Pid)), 0);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        throw new OperationCanceledException(cancellationToken);
    }

    /// <summary>PUTs one new file, again while the node answers 5xx (a write that waited longer than a grain call may).</summary>
    private static async Task FirstPutAsync(HttpClient client, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var content = new StringContent("written after the cold start\n", Encoding.UTF8, "text/plain");
            using var put = await client.PutAsync("/files/catalog-cold-start/probe.txt", content, cancellationToken).ConfigureAwait(false);
            if (put.IsSuccessStatusCode)
            {
                return;
            }

            if ((int)put.StatusCode < 500 || attempt == 100)
            {
                throw new BenchException($"PUT after the cold start answered {(int)put.StatusCode}");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Markdown(List<CatalogPoint> points, CatalogColdStart coldStart, CatalogOptions options, string command, string description)
    {
        var text = new StringBuilder();
        var first = points[0];
        var last = points[^1];
        text.AppendLine(CultureInfo.InvariantCulture, $"### catalog scenario, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{command}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Subject: {description}; 4 KiB-or-smaller text files, 100 a directory, {options.Concurrency} PUTs in flight");
        text.AppendLine();
        text.AppendLine("| files | PUT/s (last sample) | RSS, MiB | incremental /sync/diff, ms (median) | fill time, s |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var point in points)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {point.Files:N0} | {point.PutsPerSecond:0} | {point.RssBytes / 1048576.0:0} | {point.DiffMedianMs:0.00} | {point.FillSeconds:0} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- PUT rate at {last.Files:N0} vs {first.Files:N0} files: {last.PutsPerSecond / first.PutsPerSecond:0.00}x (goal >= 0.8x)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- RSS per million files (growth over the first checkpoint, scaled): {(last.RssBytes - first.RssBytes) / 1048576.0 / (last.Files - first.Files) * 1_000_000:0} MiB (goal <= 400 MiB)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- RSS per million files (node restarted on {last.Files:N0} files, catalog loaded, over a new empty node's {coldStart.EmptyRssBytes / 1048576.0:0} MiB, scaled): {(coldStart.LoadedRssBytes - coldStart.EmptyRssBytes) / 1048576.0 / last.Files * 1_000_000:0} MiB; that node's RSS {coldStart.LoadedRssBytes / 1048576.0:0} MiB");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Cold start with {last.Files:N0} files until the first GET is served: {coldStart.FirstGetSeconds:0.00} s (goal <= 10 s)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Cold start with {last.Files:N0} files until the first PUT is acknowledged (whole catalog loaded): {coldStart.FirstPutSeconds:0.00} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Incremental /sync/diff at {last.Files:N0} vs {first.Files:N0} files: {last.DiffMedianMs / first.DiffMedianMs:0.00}x");
        return text.ToString();
    }
}
