using System.Globalization;
using AeorDb.Bench.Cli;
using AeorDb.Bench.Measure;
using AeorDb.Bench.Report;
using AeorDb.Bench.Scenarios.Files;
using AeorDb.Bench.Targets;

namespace AeorDb.Bench.Scenarios.Pg;

/// <summary>
/// <c>pg</c>: small-file PUT and GET throughput of one node on PostgreSQL (<c>--cluster-db</c>) with one silo and
/// with two silos (requests spread over both silos' HTTP ports), against the embedded SQLite node, in the same
/// run. Within a round every phase runs on the three targets back to back, the order rotating each round and
/// reversing each slice, so all see the same machine noise; the report gives medians over rounds and ratios.
/// </summary>
internal sealed class PgScenario : IScenario
{
    private const int WarmupSmallFiles = 500;
    private const string Embedded = "embedded";

    public string Name => "pg";

    public string Summary => "small-file PUT/GET throughput: a node on PostgreSQL with 1 and 2 silos vs the embedded node";

    public string Help => PgOptions.Help;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = PgOptions.Parse(args);
        var command = Environment.GetEnvironmentVariable("BENCH_COMMAND") ?? "AeorDb.Bench pg " + string.Join(' ', args);
        var temp = Directory.CreateTempSubdirectory("aeordb-bench-");
        Console.WriteLine($"pg scenario; temp dir {temp.FullName}");
        var targets = new List<IBenchTarget>();
        try
        {
            await using var databases = new BenchDatabases(options.Postgres!);
            var postgres = await databases.DescribeAsync(cancellationToken).ConfigureAwait(false);
            var postmaster = await databases.PostmasterPidAsync(cancellationToken).ConfigureAwait(false);
            targets.Add(new NamedTarget(
                await AeorDbTarget.StartAsync(options.AeorDb!, Path.Combine(temp.FullName, Embedded), ["--silo-port", "{free}", "--gateway-port", "{free}"], options.Connections, cancellationToken).ConfigureAwait(false),
                Embedded));
            foreach (var silos in new[] { 1, 2 })
            {
                var name = $"pg-{silos}silo";
                var database = await databases.CreateAsync($"{silos}silo", cancellationToken).ConfigureAwait(false);
                targets.Add(await ScaleOutTarget.StartAsync(name, options.AeorDb!, Path.Combine(temp.FullName, name), database, silos, postmaster, options.Connections, cancellationToken).ConfigureAwait(false));
            }

            foreach (var target in targets)
            {
                Console.WriteLine($"{target.Name,-12} {target.Description} (pids {string.Join(',', target.Pids)})");
            }

            var workload = new FilesWorkload(options.Workload);
            var samples = await RunRoundsAsync(options, workload, targets, cancellationToken).ConfigureAwait(false);
            var report = new PgReport(options, samples, [.. targets.Select(t => t.Name)]);
            Console.WriteLine();
            Console.Write(report.Metrics().ToText());
            Console.WriteLine();
            Console.Write(report.Cpu().ToText());
            var revision = Environment.GetEnvironmentVariable("BENCH_REVISION") ?? "unknown";
            var markdown = report.Markdown(command, revision, MachineInfo.Describe(), postgres, [.. targets.Select(t => $"{t.Name}: {t.Description}")]);
            await ScenarioOutput.PublishAsync(markdown, options.Markdown, cancellationToken).ConfigureAwait(false);

            // Stop the silos before their databases are dropped.
            foreach (var target in targets)
            {
                await target.DisposeAsync().ConfigureAwait(false);
            }

            targets.Clear();
            return 0;
        }
        finally
        {
            foreach (var target in targets)
            {
                await target.DisposeAsync().ConfigureAwait(false);
            }

            if (!options.Keep)
            {
                ScenarioOutput.TryDelete(temp);
            }
        }
    }

    private static async Task<List<PhaseSample>> RunRoundsAsync(PgOptions options, FilesWorkload workload, IReadOnlyList<IBenchTarget> targets, CancellationToken cancellationToken)
    {
        var samples = new List<PhaseSample>();
        var stored = 0;
        var passes = options.Warmup + options.Rounds;
        for (var pass = 0; pass < passes; pass++)
        {
            var measured = pass >= options.Warmup;
            var round = pass - options.Warmup + 1;
            var smallFiles = measured ? options.SmallFiles : Math.Min(options.SmallFiles, WarmupSmallFiles);
            var getDuration = measured ? options.SmallGetDuration : options.SmallGetDuration / 3;
            IBenchTarget[] order = [.. targets.Skip(pass % targets.Count), .. targets.Take(pass % targets.Count)];
            Console.WriteLine(measured ? $"round {round}/{options.Rounds} ({string.Join(", ", order.Select(t => t.Name))})" : $"warm-up {pass + 1}/{options.Warmup}");

            var put = await SlicedAsync(options, order, (target, slice, count) =>
                workload.SmallPutAsync(target, round, stored + (slice * (smallFiles / options.Slices)), count, cancellationToken), smallFiles).ConfigureAwait(false);
            var get = await SlicedAsync(options, order, (target, slice, _) =>
                workload.SmallGetAsync(target, (pass * options.Slices) + slice, stored + smallFiles, getDuration / options.Slices, cancellationToken), 0).ConfigureAwait(false);
            foreach (var sample in put.Concat(get))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {sample.Phase,-8} {sample.Target,-12} {sample.OpsPerSecond,8:0} req/s ({sample.Operations} in {sample.Span.Wall.TotalSeconds:0.00} s)  cores: client {sample.Span.ClientCores:0.00} server {sample.Span.ServerCores:0.00} other {sample.Span.OtherCores:0.00}"));
                if (measured)
                {
                    samples.Add(sample with { Round = round });
                }
            }

            stored += smallFiles;
        }

        foreach (var target in targets)
        {
            await workload.VerifyAsync(target, passes - 1, stored, 0, cancellationToken).ConfigureAwait(false);
        }

        Console.WriteLine($"read-back check passed on {string.Join(", ", targets.Select(t => t.Name))}");
        return samples;
    }

    /// <summary>Runs a phase as slices over every target, reversing the order each slice, and sums each target's slices.</summary>
    private static async Task<List<PhaseSample>> SlicedAsync(PgOptions options, IBenchTarget[] order, Func<IBenchTarget, int, int, Task<PhaseSample>> run, int total)
    {
        var parts = order.ToDictionary(t => t.Name, _ => new List<PhaseSample>());
        for (var slice = 0; slice < options.Slices; slice++)
        {
            var count = slice < options.Slices - 1 ? total / options.Slices : total - (total / options.Slices * (options.Slices - 1));
            foreach (var target in slice % 2 == 0 ? order : order.Reverse())
            {
                parts[target.Name].Add(await run(target, slice, count).ConfigureAwait(false));
            }
        }

        return [.. order.Select(t => PhaseSample.Combine(parts[t.Name]))];
    }
}
