using System.Globalization;
using System.Text;
using AeorDb.Bench.Measure;
using AeorDb.Bench.Report;
using AeorDb.Bench.Scenarios.Files;

namespace AeorDb.Bench.Scenarios.Pg;

/// <summary>The pg scenario's tables: throughput per target with each PostgreSQL target's ratio to the embedded node, and CPU.</summary>
internal sealed class PgReport(PgOptions options, IReadOnlyList<PhaseSample> samples, IReadOnlyList<string> targets)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public TextTable Metrics()
    {
        var baseline = targets[0];
        var others = targets.Skip(1).ToList();
        var table = new TextTable(["metric", .. targets, .. others.Select(o => $"{o} / {baseline}")]);
        foreach (var (phase, label) in new[] { (FilesPhase.SmallPut, "small PUT"), (FilesPhase.SmallGet, "small GET") })
        {
            var row = new List<string> { $"{label} ({options.Workload.SmallBytes / 1024} KiB, {options.Connections} conn), req/s" };
            row.AddRange(targets.Select(t => Spread(Of(phase, t))));
            foreach (var other in others)
            {
                // Per-round ratios (both measured in the same round), then their median.
                var perRound = Of(phase, other).Join(Of(phase, baseline), s => s.Round, s => s.Round, (a, b) => a.OpsPerSecond / b.OpsPerSecond);
                row.Add(string.Create(Invariant, $"{Stats.Median(perRound):0.00}x"));
            }

            table.Add([.. row]);
        }

        return table;
    }

    public TextTable Cpu()
    {
        var table = new TextTable("phase", "target", "client cores", "server cores", "other cores");
        foreach (var phase in new[] { FilesPhase.SmallPut, FilesPhase.SmallGet })
        {
            foreach (var target in targets)
            {
                var mine = Of(phase, target);
                table.Add(phase.ToString(), target, F(mine, s => s.Span.ClientCores), F(mine, s => s.Span.ServerCores), F(mine, s => s.Span.OtherCores));
            }
        }

        return table;
    }

    public string Markdown(string command, string revision, string machine, string postgres, IReadOnlyList<string> descriptions)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"### pg scenario, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(Invariant, $"- Command: `{command}` (source revision {revision})");
        text.AppendLine(Invariant, $"- Machine: {machine}");
        text.AppendLine(Invariant, $"- PostgreSQL: {postgres}, on the same machine, one fresh database per PostgreSQL target");
        foreach (var description in descriptions)
        {
            text.AppendLine(Invariant, $"- {description}");
        }

        text.AppendLine(Invariant, $"- Workload: {options.Rounds} measured rounds after {options.Warmup} warm-up, the targets' order rotating each round and reversing each of {options.Slices} slices; per round and target {options.SmallFiles} new 4 KiB files PUT and {options.SmallGetDuration.TotalSeconds:0} s of random GETs over all stored files, each over {options.Connections} connections (files over {options.Fanout} directories)");
        text.AppendLine();
        text.Append(Metrics().ToMarkdown());
        text.AppendLine();
        text.AppendLine("Values are the median of the rounds (min to max in brackets); a ratio is the median of the per-round ratios. CPU, average cores busy during each phase (median of rounds): the bench client; the server (the silos, and for the PostgreSQL targets also the PostgreSQL server and its backends); everything else on the shared machine.");
        text.AppendLine();
        text.Append(Cpu().ToMarkdown());
        return text.ToString();
    }

    private List<PhaseSample> Of(FilesPhase phase, string target) => [.. samples.Where(s => s.Phase == phase && s.Target == target)];

    private static string Spread(IReadOnlyList<PhaseSample> values)
    {
        if (values.Count == 0)
        {
            return "-";
        }

        var all = values.Select(s => s.OpsPerSecond).ToList();
        return string.Create(Invariant, $"{Stats.Median(all):0} ({all.Min():0}-{all.Max():0})");
    }

    private static string F(IReadOnlyList<PhaseSample> values, Func<PhaseSample, double> value) =>
        values.Count == 0 ? "-" : Stats.Median(values.Select(value)).ToString("0.00", Invariant);
}
