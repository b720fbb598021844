using System.Globalization;
using System.Text;
using AeorDb.Bench.Measure;
using AeorDb.Bench.Report;

namespace AeorDb.Bench.Scenarios.Replication;

/// <summary>The RESULTS.md section of a replication run.</summary>
internal static class ReplicationReport
{
    /// <summary>Issue 4's target: aeordb's time at most half of Syncthing's.</summary>
    private const double MaxRatio = 0.5;

    public static string Markdown(IReadOnlyList<ReplicationRound> rounds, ReplicationOptions options, string command, string aeordb, string syncthing)
    {
        var phases = new List<(ReplicationPhase Phase, string Label)>
        {
            (ReplicationPhase.Small, string.Create(CultureInfo.InvariantCulture, $"{options.Files:N0} files of {options.FileKiB} KiB")),
        };
        if (options.LargeMiB > 0)
        {
            phases.Add((ReplicationPhase.Large, string.Create(CultureInfo.InvariantCulture, $"one {options.LargeMiB} MiB file")));
        }

        var summary = new TextTable("time until readable on the second node, s", "aeordb", "syncthing", "ratio", "target", "result");
        var written = new TextTable("phase", "aeordb: writes done, s", "last write to readable, s", "CPU s, both nodes", "syncthing: writes done, s", "last write to readable, s", "CPU s, both nodes");
        foreach (var (phase, label) in phases)
        {
            var ours = rounds.Select(r => r.Get("aeordb", phase)!).ToList();
            var theirs = rounds.Select(r => r.Get("syncthing", phase)!).ToList();
            var ratio = Stats.Median(rounds.Select(r => r.Get("aeordb", phase)!.ReplicatedSeconds / r.Get("syncthing", phase)!.ReplicatedSeconds));
            summary.Add(label, Spread(ours.Select(t => t.ReplicatedSeconds)), Spread(theirs.Select(t => t.ReplicatedSeconds)),
                string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}x"), string.Create(CultureInfo.InvariantCulture, $"<= {MaxRatio:0.00}x"), Verdict(ratio));
            written.Add(
                label,
                Spread(ours.Select(t => t.WrittenSeconds)), Spread(ours.Select(t => t.TailSeconds)), Spread(ours.Select(t => t.CpuSeconds)),
                Spread(theirs.Select(t => t.WrittenSeconds)), Spread(theirs.Select(t => t.TailSeconds)), Spread(theirs.Select(t => t.CpuSeconds)));
        }

        var perRound = new TextTable(["round", "first", .. phases.SelectMany(p => new[] { $"aeordb {p.Phase.ToString().ToLowerInvariant()}", $"syncthing {p.Phase.ToString().ToLowerInvariant()}" })]);
        foreach (var round in rounds)
        {
            perRound.Add([round.Name, round.First, .. phases.SelectMany(p => new[] { Seconds(round.Get("aeordb", p.Phase)!.ReplicatedSeconds), Seconds(round.Get("syncthing", p.Phase)!.ReplicatedSeconds) })]);
        }

        var revision = Environment.GetEnvironmentVariable("BENCH_REVISION") ?? "unknown";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## replication, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{command}` (source revision {revision})");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {MachineInfo.Describe()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Subject: {aeordb}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Baseline: {syncthing}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- Workload: {options.Rounds} measured rounds after {options.Warmup} warm-up at a tenth of the size, sides alternating first place; per round and side {options.Files:N0} new files of {options.FileKiB} KiB over {options.Fanout} directories ({options.Connections} PUTs in flight / parallel file writes), then one {options.LargeMiB} MiB file; fresh random bytes every round. Timed from the first write on the first node until the second holds everything (aeordb: B's root hash equals A's, polled every {options.PollMs} ms; Syncthing: every file on B under its final name at full length, polled every {options.PollMs} ms); every byte then read back on the second node and compared, outside the timed span");
        text.AppendLine();
        text.Append(summary.ToMarkdown());
        text.AppendLine();
        text.AppendLine("Values are the median of the rounds (min to max in brackets); the ratio is the median of the per-round ratios, aeordb ÷ Syncthing, lower is better.");
        text.AppendLine();
        text.Append(written.ToMarkdown());
        text.AppendLine();
        text.Append(perRound.ToMarkdown());
        return text.ToString();
    }

    private static string Verdict(double ratio) =>
        ratio <= MaxRatio
            ? "met"
            : string.Create(CultureInfo.InvariantCulture, $"MISSED by {ratio - MaxRatio:0.00}x ({MaxRatio / ratio * 100:0} % of target)");

    private static string Spread(IEnumerable<double> values)
    {
        var list = values.ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{Stats.Median(list):0.00} ({list.Min():0.00}-{list.Max():0.00})");
    }

    private static string Seconds(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
