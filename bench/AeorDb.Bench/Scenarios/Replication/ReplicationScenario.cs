using System.Globalization;
using AeorDb.Bench.Cli;
using AeorDb.Bench.Report;
using AeorDb.Bench.Targets;

namespace AeorDb.Bench.Scenarios.Replication;

/// <summary>
/// <c>replication</c> (issue 4): two joined aeordb nodes against pairs of Syncthing instances on loopback, one pair per
/// <see cref="SyncthingVariant"/>. Each round
/// writes a set of small files, then one large file, into the first node of each side (sides alternate first
/// place) and times until every byte is readable on the second. Medians over rounds; the ratio is
/// aeordb ÷ Syncthing time (lower is better), target at most 0.5.
/// </summary>
internal sealed class ReplicationScenario : IScenario
{
    public string Name => "replication";

    public string Summary => "time until files written on one node are readable on its peer, aeordb pair vs Syncthing pair";

    public string Help => ReplicationOptions.Help;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = ReplicationOptions.Parse(args);
        var command = Environment.GetEnvironmentVariable("BENCH_COMMAND") ?? "AeorDb.Bench replication " + string.Join(' ', args);
        var temp = Directory.CreateTempSubdirectory("aeordb-bench-repl-");
        Console.WriteLine($"replication scenario; temp dir {temp.FullName}");
        try
        {
            var baselines = new List<SyncthingSide>();
            await using var stopBaselines = new AsyncDisposables(baselines);
            foreach (var variant in options.Baselines)
            {
                var pairDir = Path.Combine(temp.FullName, "syncthing-" + variant.Key);
                baselines.Add(new SyncthingSide(
                    await SyncthingPair.StartAsync(options.Syncthing, pairDir, cancellationToken, variant.WatcherDelayS).ConfigureAwait(false),
                    options.Connections, options.PollMs, options.PhaseTimeout, variant.Name, rescan: variant.WatcherDelayS is null));
                Console.WriteLine($"{variant.Name}: {baselines[^1].Description}");
            }

            Console.WriteLine($"aeordb: starting the pair, waiting up to {options.ActiveTimeout.TotalSeconds:0} s for both peers to turn active");
            var pair = await AeorDbPair.StartAsync(options.AeorDb, Path.Combine(temp.FullName, "aeordb"), options.AeorDbArgs, options.Connections, options.ActiveTimeout, cancellationToken).ConfigureAwait(false);
            await using var aeordb = new AeorDbSide(pair, options.Connections, options.PollMs, options.PhaseTimeout);
            Console.WriteLine($"aeordb: {aeordb.Description}");
            await pair.WaitConvergedAsync(options.PhaseTimeout, cancellationToken).ConfigureAwait(false);

            var rounds = new List<ReplicationRound>();
            var total = options.Warmup + options.Rounds;
            for (var i = 0; i < total; i++)
            {
                var warmup = i < options.Warmup;
                var name = warmup ? $"w{i + 1}" : $"r{i - options.Warmup + 1}";
                var scale = warmup ? 10 : 1;
                var workload = ReplicationWorkload.Create(name, Math.Max(1, options.Files / scale), options.FileKiB * 1024, options.Fanout, (long)options.LargeMiB * 1024 * 1024 / scale);
                // aeordb runs first in even rounds and last in odd ones; the baselines keep their order between.
                IReplicationSide[] order = i % 2 == 0 ? [aeordb, .. baselines] : [.. baselines, aeordb];
                var round = new ReplicationRound(name, warmup, order[0].Name);
                foreach (var side in order)
                {
                    var small = await side.ReplicateAsync($"{name}/small", workload.Small, cancellationToken).ConfigureAwait(false);
                    round.Set(side.Name, ReplicationPhase.Small, small);
                    Print(name, side.Name, $"{workload.Small.Count} small files", small);
                    if (workload.Large.Count > 0)
                    {
                        var large = await side.ReplicateAsync(workload.Large[0].Path, workload.Large, cancellationToken).ConfigureAwait(false);
                        round.Set(side.Name, ReplicationPhase.Large, large);
                        Print(name, side.Name, "large file", large);
                    }

                    if (side == aeordb)
                    {
                        await pair.WaitConvergedAsync(options.PhaseTimeout, cancellationToken).ConfigureAwait(false);
                    }
                }

                rounds.Add(round);
            }

            var markdown = ReplicationReport.Markdown(rounds.Where(r => !r.Warmup).ToList(), options, command, aeordb.Description, baselines.Select(b => $"{b.Name}: {b.Description}").ToList());
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

    private static void Print(string round, string side, string what, PhaseTiming timing) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {round} {side,-9} {what}: written in {timing.WrittenSeconds:0.000} s, readable on the second node at {timing.ReplicatedSeconds:0.000} s (+{timing.TailSeconds:0.000} s); both nodes used {timing.CpuSeconds:0.00} CPU s"));
}
