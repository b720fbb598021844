using System.Globalization;
using System.Text;
using AeorDb.Bench.Measure;
using AeorDb.Bench.Report;

namespace AeorDb.Bench.Scenarios.Files;

/// <summary>
/// Turns the samples of the files scenario into the metric table (subject, baseline, ratio, target,
/// verdict), the CPU table that shows whether the client was the limit, and the markdown snippet.
/// </summary>
internal sealed class FilesReport(FilesOptions options, IReadOnlyList<PhaseSample> samples, string subject, string baseline)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Subject's throughput over the baseline's, each measured in the same round; the ratio reported is the median of those.</summary>
    private sealed record RatioMetric(string Label, FilesPhase Phase, Func<PhaseSample, double> Value, double Target);

    public TextTable Metrics()
    {
        var table = new TextTable("metric", subject, baseline, "ratio", "target", "result");
        var small = $"{options.SmallBytes / 1024} KiB, {options.Connections} conn";
        var large = $"{options.LargeMiB} MiB";
        // The goals of the storage-engine issue: small PUT >= 0.30x, small GET >= 0.5x, 256 MiB PUT and GET >= 0.6x nginx.
        var ratios = new List<RatioMetric>
        {
            new($"small PUT ({small}), req/s", FilesPhase.SmallPut, s => s.OpsPerSecond, 0.30),
            new($"small GET ({small}), req/s", FilesPhase.SmallGet, s => s.OpsPerSecond, 0.50),
        };
        if (options.LargeMiB > 0)
        {
            ratios.Add(new($"large PUT ({large}), MB/s", FilesPhase.LargePut, s => s.MegabytesPerSecond, 0.60));
            ratios.Add(new($"large GET ({large}), MB/s", FilesPhase.LargeGet, s => s.MegabytesPerSecond, 0.60));
        }

        foreach (var metric in ratios.Where(m => Of(m.Phase, subject).Count > 0))
        {
            var mine = Of(metric.Phase, subject);
            var theirs = Of(metric.Phase, baseline);
            var perRound = mine.Join(theirs, s => s.Round, s => s.Round, (a, b) => metric.Value(a) / metric.Value(b));
            var ratio = Stats.Median(perRound);
            var verdict = ratio >= metric.Target
                ? "met"
                : $"MISSED by {metric.Target - ratio:0.00}x ({ratio / metric.Target * 100:0} % of target)";
            var capped = mine.Concat(theirs).Any(s => s.Capped) ? " (phase capped by --phase-timeout)" : string.Empty;
            table.Add(metric.Label, Spread(mine, metric.Value), Spread(theirs, metric.Value), $"{ratio:0.00}x", $">= {metric.Target:0.00}x", verdict + capped);
        }

        if (options.LargeMiB > 0)
        {
            const double limitMiB = 150;
            var mine = Of(FilesPhase.LargePut, subject);
            var theirs = Of(FilesPhase.LargePut, baseline);
            var worst = mine.Max(s => s.RssGrowthBytes) / 1048576.0;
            var verdict = worst < limitMiB ? "met (worst round)" : $"MISSED by {worst - limitMiB:0} MiB (worst round)";
            table.Add($"server RSS growth during large PUT, MiB", Spread(mine, s => s.RssGrowthBytes / 1048576.0), Spread(theirs, s => s.RssGrowthBytes / 1048576.0), "-", $"< {limitMiB:0} MiB", verdict);
        }

        return table;
    }

    public TextTable Cpu()
    {
        var table = new TextTable("phase", $"{subject}: client", "server", "other", $"{baseline}: client", "server", "other");
        foreach (var phase in Enum.GetValues<FilesPhase>())
        {
            var mine = Of(phase, subject);
            var theirs = Of(phase, baseline);
            if (mine.Count == 0)
            {
                continue;
            }

            table.Add(
                phase.ToString(),
                F(Stats.Median(mine.Select(s => s.Span.ClientCores))),
                F(Stats.Median(mine.Select(s => s.Span.ServerCores))),
                F(Stats.Median(mine.Select(s => s.Span.OtherCores))),
                F(Stats.Median(theirs.Select(s => s.Span.ClientCores))),
                F(Stats.Median(theirs.Select(s => s.Span.ServerCores))),
                F(Stats.Median(theirs.Select(s => s.Span.OtherCores))));
        }

        return table;
    }

    /// <summary>The block to paste into bench/RESULTS.md.</summary>
    public string Markdown(string command, string revision, string machine, string subjectDescription, string baselineDescription)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"### files scenario, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(Invariant, $"- Command: `{command}` (source revision {revision})");
        text.AppendLine(Invariant, $"- Machine: {machine}");
        text.AppendLine(Invariant, $"- Subject: {subjectDescription}");
        text.AppendLine(Invariant, $"- Baseline: {baselineDescription}");
        text.AppendLine(Invariant, $"- Workload: {Workload()}");
        text.AppendLine();
        text.Append(Metrics().ToMarkdown());
        text.AppendLine();
        text.AppendLine("Values are the median of the rounds (min to max in brackets); the ratio is the median of the per-round ratios. CPU, average cores busy during each phase (median of rounds): the bench client, the server under test, and everything else on the shared machine. Client cores near the machine's count would mean the client was the limit; a high other column means the round was disturbed.");
        text.AppendLine();
        text.Append(Cpu().ToMarkdown());
        return text.ToString();
    }

    public string Workload() =>
        string.Create(Invariant, $"{options.Rounds} measured rounds after {options.Warmup} warm-up, sides alternating first place (small-file phases in {options.Slices} slices, A B B A); per round {options.SmallFiles} new {options.SmallBytes / 1024} KiB files PUT and {options.SmallGetDuration.TotalSeconds:0} s of random GETs over all stored files, each over {options.Connections} connections (files spread over {options.Fanout} directories), then one {options.LargeMiB} MiB PUT and GET; RSS sampled every 20 ms");

    private List<PhaseSample> Of(FilesPhase phase, string target) => samples.Where(s => s.Phase == phase && s.Target == target).ToList();

    private static string Spread(IReadOnlyList<PhaseSample> values, Func<PhaseSample, double> value)
    {
        if (values.Count == 0)
        {
            return "-";
        }

        var all = values.Select(value).ToList();
        return string.Create(Invariant, $"{N(Stats.Median(all))} ({N(all.Min())}-{N(all.Max())})");
    }

    private static string N(double value) => value >= 100 ? value.ToString("0", Invariant) : value.ToString("0.0", Invariant);

    private static string F(double value) => value.ToString("0.00", Invariant);
}
