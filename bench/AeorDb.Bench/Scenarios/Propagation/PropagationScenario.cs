using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AeorDb.Bench.Cli;
using AeorDb.Bench.Http;
using AeorDb.Bench.Measure;
using AeorDb.Bench.Report;
using AeorDb.Bench.Targets;

namespace AeorDb.Bench.Scenarios.Propagation;

/// <summary>
/// <c>propagation</c> (issue 4): on an active pair, one small PUT on node A at a time, timed from the start of
/// the PUT until a GET on node B returns the new bytes. Each write waits for the previous one to arrive plus a
/// gap, so every write travels alone (its own change event, its own pull). Targets: p50 at most 50 ms, p99 at most 150 ms.
/// </summary>
internal sealed class PropagationScenario : IScenario
{
    private const double TargetP50Ms = 50;

    private const double TargetP99Ms = 150;
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(120);

    public string Name => "propagation";

    public string Summary => "latency from a 4 KiB PUT on one node until its peer serves it, p50/p99";

    public string Help => PropagationOptions.Help;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = PropagationOptions.Parse(args);
        var command = Environment.GetEnvironmentVariable("BENCH_COMMAND") ?? "AeorDb.Bench propagation " + string.Join(' ', args);
        var temp = Directory.CreateTempSubdirectory("aeordb-bench-prop-");
        Console.WriteLine($"propagation scenario; temp dir {temp.FullName}");
        try
        {
            Console.WriteLine($"aeordb: starting the pair, waiting up to {options.ActiveTimeout.TotalSeconds:0} s for both peers to turn active");
            await using var pair = await AeorDbPair.StartAsync(options.AeorDb, Path.Combine(temp.FullName, "aeordb"), options.AeorDbArgs, 4, options.ActiveTimeout, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"aeordb: {pair.Description}");
            await pair.WaitConvergedAsync(TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);

            var latencies = new List<double>();
            var puts = new List<double>();
            for (var i = 0; i < options.Warmup + options.Writes; i++)
            {
                var (latency, put) = await OneWriteAsync(pair, $"/prop/w{i:D5}.bin", options, cancellationToken).ConfigureAwait(false);
                if (i >= options.Warmup)
                {
                    latencies.Add(latency);
                    puts.Add(put);
                }

                if ((i + 1) % 50 == 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {i + 1} writes; last {latency:0.0} ms"));
                }

                await Task.Delay(options.GapMs, cancellationToken).ConfigureAwait(false);
            }

            var markdown = Markdown(latencies, puts, options, command, pair.Description);
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

    /// <summary>One write: ms from the start of the PUT on A until B serves the bytes, and the PUT's own ms.</summary>
    private static async Task<(double Latency, double Put)> OneWriteAsync(AeorDbPair pair, string path, PropagationOptions options, CancellationToken cancellationToken)
    {
        var data = RandomNumberGenerator.GetBytes(options.Bytes);
        var clock = Stopwatch.StartNew();
        using (var content = new MemoryContent(data, "application/octet-stream"))
        using (var response = await pair.A.Client.PutAsync("/files" + path, content, cancellationToken).ConfigureAwait(false))
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchException($"aeordb A: PUT {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
            }
        }

        var put = clock.Elapsed.TotalMilliseconds;
        while (true)
        {
            using var response = await pair.B.Client.GetAsync("/files" + path, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                var latency = clock.Elapsed.TotalMilliseconds;
                if (!body.AsSpan().SequenceEqual(data))
                {
                    throw new BenchException($"aeordb B: {path} differs from what A was sent");
                }

                return (latency, put);
            }

            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                throw new BenchException($"aeordb B: GET {path} answered {(int)response.StatusCode}");
            }

            if (clock.Elapsed > WriteTimeout)
            {
                throw new BenchException($"aeordb B: {path} did not arrive within {WriteTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(options.PollMs, cancellationToken).ConfigureAwait(false);
        }
    }

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Ceiling(fraction * sorted.Length) - 1];
    }

    private static string Markdown(List<double> latencies, List<double> puts, PropagationOptions options, string command, string description)
    {
        var p50 = Percentile(latencies, 0.50);
        var p99 = Percentile(latencies, 0.99);
        var misses = new List<string>();
        if (p50 > TargetP50Ms)
        {
            misses.Add(string.Create(CultureInfo.InvariantCulture, $"p50 by {p50 - TargetP50Ms:0} ms"));
        }

        if (p99 > TargetP99Ms)
        {
            misses.Add(string.Create(CultureInfo.InvariantCulture, $"p99 by {p99 - TargetP99Ms:0} ms"));
        }

        var table = new TextTable("metric", "p50", "p90", "p99", "max", "target", "result");
        table.Add(
            "PUT on A until B serves it, ms",
            Ms(p50), Ms(Percentile(latencies, 0.90)), Ms(p99), Ms(latencies.Max()),
            string.Create(CultureInfo.InvariantCulture, $"p50 <= {TargetP50Ms:0}, p99 <= {TargetP99Ms:0}"),
            misses.Count == 0 ? "met" : "MISSED: " + string.Join(", ", misses));
        table.Add("the PUT alone, ms", Ms(Percentile(puts, 0.50)), Ms(Percentile(puts, 0.90)), Ms(Percentile(puts, 0.99)), Ms(puts.Max()), "-", "-");

        var revision = Environment.GetEnvironmentVariable("BENCH_REVISION") ?? "unknown";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## propagation, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{command}` (source revision {revision})");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {MachineInfo.Describe()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Subject: {description}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- Workload: {options.Writes} measured writes after {options.Warmup} warm-up ones, one at a time: PUT {options.Bytes} random bytes to a new path on A, then GET it on B every {options.PollMs} ms until it answers 200 with the same bytes; {options.GapMs} ms pause after each arrival");
        text.AppendLine();
        text.Append(table.ToMarkdown());
        return text.ToString();
    }

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
