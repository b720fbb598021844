using System.Globalization;
using System.Text;
using AeorDb.Bench.Measure;
using AeorDb.Bench.Report;

namespace AeorDb.Bench.Scenarios.Replication;

/// <summary>The RESULTS.md section of a replication run.</summary>
internal static class ReplicationReport
{
    public static string Markdown(IReadOnlyList<ReplicationRound> rounds, ReplicationOptions options, string command, string aeordb, IReadOnlyList<string> baselines)
    {
        var phases = new List<(ReplicationPhase Phase, string Label)>
        {
            (ReplicationPhase.Small, string.Create(CultureInfo.InvariantCulture, $"{options.Files:N0} files of {options.FileKiB} KiB")),
        };
        if (options.LargeMiB > 0)
        {
            phases.Add((ReplicationPhase.Large, string.Create(CultureInfo.InvariantCulture, $"one {options.LargeMiB} MiB file")));
        }

        var summary = new TextTable("time until readable on the second node, s", "aeordb", "baseline", "baseline, s", "ratio", "target", "result");
        var written = new TextTable("phase", "side", "writes done, s", "last write to readable, s", "CPU s, both nodes");
        foreach (var (phase, label) in phases)
        {
            var ours = rounds.Select(r => r.Get("aeordb", phase)!).ToList();
            written.Add(label, "aeordb", Spread(ours.Select(t => t.WrittenSeconds)), Spread(ours.Select(t => t.TailSeconds)), Spread(ours.Select(t => t.CpuSeconds)));
            foreach (var variant in options.Baselines)
            {
                var theirs = rounds.Select(r => r.Get(variant.Name, phase)!).ToList();
                var ratio = Stats.Median(rounds.Select(r => r.Get("aeordb", phase)!.ReplicatedSeconds / r.Get(variant.Name, phase)!.ReplicatedSeconds));
                summary.Add(label, Spread(ours.Select(t => t.ReplicatedSeconds)), variant.Name, Spread(theirs.Select(t => t.ReplicatedSeconds)),
                    string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}x"), string.Create(CultureInfo.InvariantCulture, $"<= {variant.TargetRatio:0.00}x"), Verdict(ratio, variant.TargetRatio));
                written.Add(label, variant.Name, Spread(theirs.Select(t => t.WrittenSeconds)), Spread(theirs.Select(t => t.TailSeconds)), Spread(theirs.Select(t => t.CpuSeconds)));
            }
        }

        string[] sides = ["aeordb", .. options.Baselines.Select(v => v.Name)];
        var perRound = new TextTable(["round", "first", .. phases.SelectMany(p => sides.Select(side => $"{side} {p.Phase.ToString().ToLowerInvariant()}"))]);
        foreach (var round in rounds)
        {
            perRound.Add([round.Name, round.First, .. phases.SelectMany(p => sides.Select(side => Seconds(round.Get(side, p.Phase)!.ReplicatedSeconds)))]);
        }

        var revision = Environment.GetEnvironmentVariable("BENCH_REVISION") ?? "unknown";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## replication, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{command}` (source revision {revision})");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {MachineInfo.Describe()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Subject: {aeordb}");
        foreach (var baseline in baselines)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- Baseline {baseline}");
        }

        text.AppendLine(CultureInfo.InvariantCulture,
            $"- Workload: {options.Rounds} measured rounds after {options.Warmup} warm-up at a tenth of the size, aeordb first in even rounds and last in odd ones; per round and side {options.Files:N0} new files of {options.FileKiB} KiB over {options.Fanout} directories ({options.Connections} PUTs in flight / parallel file writes), then one {options.LargeMiB} MiB file; fresh random bytes every round. Timed from the first write on the first node until the second holds everything (aeordb: B's root hash equals A's, polled every {options.PollMs} ms; Syncthing: every file on B under its final name at full length, polled every {options.PollMs} ms); every byte then read back on the second node and compared, outside the timed span");
        text.AppendLine();
        text.Append(summary.ToMarkdown());
        text.AppendLine();
        text.AppendLine("Values are the median of the rounds (min to max in brackets); the ratio is the median of the per-round ratios, aeordb ÷ baseline, lower is better.");
        text.AppendLine();
        text.Append(written.ToMarkdown());
        text.AppendLine();
        text.Append(perRound.ToMarkdown());
        return text.ToString();
    }

    private static string Verdict(double ratio, double target) =>
        ratio <= target
            ? "met"
            : string.Create(CultureInfo.InvariantCulture, $"MISSED by {ratio - target:0.00}x ({target / ratio * 100:0} % of target)");

    private static string Spread(IEnumerable<double> values)
    {
        var list = values.ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{Stats.Median(list):0.00} ({list.Min():0.00}-{list.Max():0.00})");
    }

    private static string Seconds(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
