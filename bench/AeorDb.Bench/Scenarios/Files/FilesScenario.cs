using System.Globalization;
using AeorDb.Bench.Cli;
using AeorDb.Bench.Measure;
using AeorDb.Bench.Report;
using AeorDb.Bench.Targets;

namespace AeorDb.Bench.Scenarios.Files;

/// <summary>
/// <c>files</c>: small-file PUT/GET throughput at a fixed connection count, one large PUT and GET, and
/// the server's RSS growth during the large PUT, against aeordb and nginx (WebDAV) in the same run.
/// Within a round every phase runs on both sides back to back, and the side that goes first alternates,
/// so both see the same machine noise; the report gives medians over rounds.
/// </summary>
internal sealed class FilesScenario : IScenario
{
    private const int WarmupSmallFiles = 500;
    private const int WarmupLargeMiB = 16;

    public string Name => "files";

    public string Summary => "small-file PUT/GET throughput, 256 MiB PUT/GET, RSS growth: aeordb vs nginx";

    public string Help => FilesOptions.Help;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = FilesOptions.Parse(args);
        var command = Environment.GetEnvironmentVariable("BENCH_COMMAND") ?? "AeorDb.Bench files " + string.Join(' ', args);
        var temp = Directory.CreateTempSubdirectory("aeordb-bench-");
        Console.WriteLine($"files scenario; temp dir {temp.FullName}");
        try
        {
            await using var subject = await StartSubjectAsync(options, temp.FullName, cancellationToken).ConfigureAwait(false);
            await using var baseline = await NginxTarget.StartAsync("nginx", options.Nginx, Path.Combine(temp.FullName, "nginx"), options.NginxWorkers, options.Connections, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"subject:  {subject.Description} (pid {string.Join(',', subject.Pids)})");
            Console.WriteLine($"baseline: {baseline.Description} (pid {string.Join(',', baseline.Pids)})");

            var workload = new FilesWorkload(options);
            var samples = await RunRoundsAsync(options, workload, subject, baseline, cancellationToken).ConfigureAwait(false);

            var report = new FilesReport(options, samples, subject.Name, baseline.Name);
            Console.WriteLine();
            Console.WriteLine(report.Workload());
            Console.WriteLine();
            Console.Write(report.Metrics().ToText());
            Console.WriteLine();
            Console.WriteLine("CPU, average cores busy per phase (median of rounds): bench client, server under test, rest of the machine:");
            Console.Write(report.Cpu().ToText());

            var revision = Environment.GetEnvironmentVariable("BENCH_REVISION") ?? "unknown";
            var markdown = report.Markdown(command, revision, MachineInfo.Describe(), subject.Description, baseline.Description);
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

    private static async Task<IBenchTarget> StartSubjectAsync(FilesOptions options, string temp, CancellationToken cancellationToken) =>
        options.Subject == "aeordb"
            ? await AeorDbTarget.StartAsync(options.AeorDb!, Path.Combine(temp, "aeordb"), options.AeorDbArgs, options.Connections, cancellationToken).ConfigureAwait(false)
            : await NginxTarget.StartAsync("nginx-subject", options.Nginx, Path.Combine(temp, "nginx-subject"), options.NginxWorkers, options.Connections, cancellationToken).ConfigureAwait(false);

    private static async Task<List<PhaseSample>> RunRoundsAsync(FilesOptions options, FilesWorkload workload, IBenchTarget subject, IBenchTarget baseline, CancellationToken cancellationToken)
    {
        var samples = new List<PhaseSample>();
        var stored = 0;
        var passes = options.Warmup + options.Rounds;
        var lastLargeBytes = 0;
        for (var pass = 0; pass < passes; pass++)
        {
            var measured = pass >= options.Warmup;
            var round = pass - options.Warmup + 1;
            var smallFiles = measured ? options.SmallFiles : Math.Min(options.SmallFiles, WarmupSmallFiles);
            var getDuration = measured ? options.SmallGetDuration : options.SmallGetDuration / 3;
            var largeBytes = (measured ? options.LargeMiB : Math.Min(options.LargeMiB, WarmupLargeMiB)) << 20;
            IBenchTarget[] order = pass % 2 == 0 ? [subject, baseline] : [baseline, subject];
            Console.WriteLine(measured ? $"round {round}/{options.Rounds} ({order[0].Name} first)" : $"warm-up {pass + 1}/{options.Warmup}");

            var put = await SlicedAsync(options, order, (target, slice, count) =>
                workload.SmallPutAsync(target, round, stored + (slice * (smallFiles / options.Slices)), count, cancellationToken), smallFiles).ConfigureAwait(false);
            var get = getDuration > TimeSpan.Zero
                ? await SlicedAsync(options, order, (target, slice, _) =>
                    workload.SmallGetAsync(target, (pass * options.Slices) + slice, stored + smallFiles, getDuration / options.Slices, cancellationToken), 0).ConfigureAwait(false)
                : [];
            var large = new List<PhaseSample>();
            if (largeBytes > 0)
            {
                workload.StampLarge(pass);
                foreach (var target in order)
                {
                    large.Add(await workload.LargePutAsync(target, pass, largeBytes, cancellationToken).ConfigureAwait(false));
                }

                foreach (var target in order)
                {
                    large.Add(await workload.LargeGetAsync(target, pass, largeBytes, cancellationToken).ConfigureAwait(false));
                }
            }

            foreach (var sample in put.Concat(get).Concat(large))
            {
                Console.WriteLine($"  {Describe(sample)}");
                if (measured)
                {
                    samples.Add(sample with { Round = round });
                }
            }

            stored += smallFiles;
            lastLargeBytes = largeBytes;
        }

        foreach (var target in new[] { subject, baseline })
        {
            await workload.VerifyAsync(target, passes - 1, stored, lastLargeBytes, cancellationToken).ConfigureAwait(false);
        }

        Console.WriteLine($"read-back check passed on {subject.Name} and {baseline.Name}");
        return samples;
    }

    /// <summary>
    /// Runs a small-file phase as <see cref="FilesOptions.Slices"/> slices in A B B A order, then sums each
    /// side's slices: noise that drifts over a phase then lands on both sides alike. The last slice takes
    /// the remainder of <paramref name="total"/> operations.
    /// </summary>
    private static async Task<List<PhaseSample>> SlicedAsync(FilesOptions options, IBenchTarget[] order, Func<IBenchTarget, int, int, Task<PhaseSample>> run, int total)
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

        return order.Select(t => PhaseSample.Combine(parts[t.Name])).ToList();
    }

    private static string Describe(PhaseSample s)
    {
        var rate = s.Phase is FilesPhase.SmallPut or FilesPhase.SmallGet
            ? string.Create(CultureInfo.InvariantCulture, $"{s.OpsPerSecond,9:0} req/s ({s.Operations} in {s.Span.Wall.TotalSeconds:0.00} s{(s.Capped ? ", capped" : string.Empty)})")
            : string.Create(CultureInfo.InvariantCulture, $"{s.MegabytesPerSecond,9:0} MB/s  ({s.Span.Wall.TotalSeconds:0.00} s)");
        var rss = s.Phase == FilesPhase.LargePut
            ? string.Create(CultureInfo.InvariantCulture, $", RSS +{s.RssGrowthBytes / 1048576.0:0} MiB (peak {s.RssPeakBytes / 1048576.0:0} MiB, {s.RssSamples} samples)")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{s.Phase,-8} {s.Target,-14} {rate}  cores: client {s.Span.ClientCores:0.00} server {s.Span.ServerCores:0.00} other {s.Span.OtherCores:0.00}{rss}");
    }
}
