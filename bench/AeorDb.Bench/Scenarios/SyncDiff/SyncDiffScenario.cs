using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text;
using AeorDb.Bench.Cli;
using AeorDb.Bench.Measure;
using AeorDb.Bench.Report;
using AeorDb.Bench.Targets;

namespace AeorDb.Bench.Scenarios.SyncDiff;

/// <summary>
/// <c>sync-diff</c>: latency of <c>POST /sync/diff</c> with <c>since_root_hash</c> right after one file
/// changed, on trees of growing size (nested directories, and all in one directory), beside the full
/// listing (no <c>since_root_hash</c>) on the same trees: what a naive implementation would pay for every
/// pull. A Merkle diff's cost follows the change, so the incremental series should stay nearly flat
/// (issue 3: the largest tree at most 3× the smallest) while the full listing grows with the tree.
/// Each layout gets its own node; a tree is grown in place from one size to the next.
/// </summary>
internal sealed class SyncDiffScenario : IScenario
{
    /// <summary>Target of issue 3: incremental latency on the largest tree over the smallest.</summary>
    private const double MaxRatio = 3.0;

    public string Name => "sync-diff";

    public string Summary => "incremental /sync/diff latency vs tree size, beside the full listing";

    public string Help => SyncDiffOptions.Help;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = SyncDiffOptions.Parse(args);
        var command = Environment.GetEnvironmentVariable("BENCH_COMMAND") ?? "AeorDb.Bench sync-diff " + string.Join(' ', args);
        var temp = Directory.CreateTempSubdirectory("aeordb-bench-sync-");
        Console.WriteLine($"sync-diff scenario; temp dir {temp.FullName}");
        var points = new List<SyncDiffPoint>();
        string description = "?";
        try
        {
            foreach (var layout in options.Layouts)
            {
                await using var node = await AeorDbTarget.StartAsync(options.AeorDb, Path.Combine(temp.FullName, layout), [], options.Concurrency, cancellationToken).ConfigureAwait(false);
                description = node.Description;
                Console.WriteLine($"{layout}: {node.Description} (pid {node.Pids[0]})");
                var filled = 0;
                foreach (var size in options.Sizes)
                {
                    var fill = Stopwatch.StartNew();
                    await FillAsync(node.Client, layout, filled, size, options.Concurrency, cancellationToken).ConfigureAwait(false);
                    filled = size;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {layout} {size} files: filled in {fill.Elapsed.TotalSeconds:0.0} s"));
                    var point = await MeasureAsync(node.Client, layout, size, options, cancellationToken).ConfigureAwait(false);
                    points.Add(point);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {layout} {size} files: incremental median {point.IncrementalMedianMs:0.00} ms (p10 {point.IncrementalP10Ms:0.00}, p90 {point.IncrementalP90Ms:0.00}); full listing median {point.FullMedianMs:0.0} ms ({point.FullBytes / 1048576.0:0.0} MiB)"));
                }
            }

            var markdown = Markdown(points, options, command, description);
            await ScenarioOutput.PublishAsync(markdown, options.Markdown, cancellationToken).ConfigureAwait(false);

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

    /// <summary>File <paramref name="index"/> of a layout: nested keeps 100 files a directory, 100 directories a level.</summary>
    private static string PathOf(string layout, int index) =>
        layout == "flat"
            ? $"/flat/f{index:D6}.txt"
            : $"/nested/{index / 10_000:D2}/{index / 100 % 100:D2}/f{index:D6}.txt";

    private static async Task FillAsync(HttpClient client, string layout, int from, int to, int concurrency, CancellationToken cancellationToken)
    {
        await Parallel.ForAsync(from, to, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, token) =>
            await PutAsync(client, PathOf(layout, i), $"file {i} of the {layout} tree\n", token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static async Task PutAsync(HttpClient client, string path, string text, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var response = await client.PutAsync("/files" + path, content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"PUT {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }
    }

    private static async Task<SyncDiffPoint> MeasureAsync(HttpClient client, string layout, int size, SyncDiffOptions options, CancellationToken cancellationToken)
    {
        var full = new List<double>();
        long fullBytes = 0;
        string root = string.Empty;
        for (var i = 0; i < options.FullRepeats; i++)
        {
            var (ms, body, bytes) = await DiffAsync(client, "{}", cancellationToken).ConfigureAwait(false);
            full.Add(ms);
            fullBytes = bytes;
            var listed = body.RootElement.GetProperty("changes").GetProperty("files_added").GetArrayLength();
            if (listed < size)
            {
                throw new BenchException($"full listing of the {size}-file {layout} tree lists {listed} files");
            }

            root = body.RootElement.GetProperty("root_hash").GetString()!;
            body.Dispose();
        }

        var incremental = new List<double>();
        for (var i = 0; i < options.Repeats; i++)
        {
            var changed = PathOf(layout, Random.Shared.Next(size));
            await PutAsync(client, changed, $"changed {Guid.NewGuid():N}\n", cancellationToken).ConfigureAwait(false);
            var (ms, body, _) = await DiffAsync(client, $"{{\"since_root_hash\":\"{root}\"}}", cancellationToken).ConfigureAwait(false);
            using (body)
            {
                var modified = body.RootElement.GetProperty("changes").GetProperty("files_modified");
                if (modified.GetArrayLength() != 1 || modified[0].GetProperty("path").GetString() != changed)
                {
                    throw new BenchException($"incremental diff after changing {changed} lists {modified}");
                }

                root = body.RootElement.GetProperty("root_hash").GetString()!;
            }

            incremental.Add(ms);
        }

        return new SyncDiffPoint(layout, size, Stats.Median(incremental), Percentile(incremental, 0.1), Percentile(incremental, 0.9), Stats.Median(full), fullBytes);
    }

    /// <summary>One timed POST /sync/diff, body read to the end (parsing is outside the timed span).</summary>
    private static async Task<(double Ms, JsonDocument Body, long Bytes)> DiffAsync(HttpClient client, string json, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsync("/sync/diff", content, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var ms = clock.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"POST /sync/diff answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        }

        return (ms, JsonDocument.Parse(bytes), bytes.Length);
    }

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Round(fraction * (sorted.Length - 1))];
    }

    private static string Markdown(List<SyncDiffPoint> points, SyncDiffOptions options, string command, string description)
    {
        var table = new TextTable("layout", "files", "incremental diff, ms (p10-p90)", "full listing, ms", "full listing size, MiB", "full / incremental");
        foreach (var p in points)
        {
            table.Add(
                p.Layout,
                p.Size.ToString("N0", CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{p.IncrementalMedianMs:0.00} ({p.IncrementalP10Ms:0.00}-{p.IncrementalP90Ms:0.00})"),
                string.Create(CultureInfo.InvariantCulture, $"{p.FullMedianMs:0.0}"),
                string.Create(CultureInfo.InvariantCulture, $"{p.FullBytes / 1048576.0:0.0}"),
                string.Create(CultureInfo.InvariantCulture, $"{p.FullMedianMs / p.IncrementalMedianMs:0.0}x"));
        }

        var ratios = new TextTable("layout", "sizes", "incremental ratio", "full listing ratio", "target", "verdict");
        foreach (var layout in options.Layouts)
        {
            var series = points.Where(p => p.Layout == layout).ToList();
            var (small, large) = (series[0], series[^1]);
            var ratio = large.IncrementalMedianMs / small.IncrementalMedianMs;
            ratios.Add(
                layout,
                string.Create(CultureInfo.InvariantCulture, $"{large.Size:N0} / {small.Size:N0}"),
                string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}x"),
                string.Create(CultureInfo.InvariantCulture, $"{large.FullMedianMs / small.FullMedianMs:0.0}x"),
                string.Create(CultureInfo.InvariantCulture, $"<= {MaxRatio:0}x"),
                ratio <= MaxRatio ? "met" : "not met");
        }

        var revision = Environment.GetEnvironmentVariable("BENCH_REVISION") ?? "unknown";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## sync-diff, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{command}` at revision {revision}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineInfo.Describe()}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Subject: {description}; root JWT; one node per layout, trees grown in place.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Incremental: PUT one random existing file, then `POST /sync/diff {{\"since_root_hash\":<root before>}}` timed to the last byte; median of {options.Repeats}. Full listing: `POST /sync/diff {{}}` on the same tree, median of {options.FullRepeats}.");
        text.AppendLine();
        text.Append(table.ToMarkdown());
        text.AppendLine();
        text.Append(ratios.ToMarkdown());
        return text.ToString();
    }

    private sealed record SyncDiffPoint(string Layout, int Size, double IncrementalMedianMs, double IncrementalP10Ms, double IncrementalP90Ms, double FullMedianMs, long FullBytes);
}
