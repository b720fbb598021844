using System.Runtime.InteropServices;
using AeorDb.Bench.Cli;
using AeorDb.Bench.Processes;
using AeorDb.Bench.Scenarios.Files;
using AeorDb.Bench.Scenarios.Pg;
using AeorDb.Bench.Scenarios.Propagation;
using AeorDb.Bench.Scenarios.Replication;
using AeorDb.Bench.Scenarios.Catalog;
using AeorDb.Bench.Scenarios.SyncDiff;

namespace AeorDb.Bench;

/// <summary>Entry point: picks the scenario subcommand and owns cancellation (Ctrl+C, SIGTERM).</summary>
internal static class Program
{
    private static readonly IScenario[] Scenarios = [new FilesScenario(), new SyncDiffScenario(), new ReplicationScenario(), new PropagationScenario(), new PgScenario(), new CatalogScenario()];

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintScenarios();
            return args.Length == 0 ? 2 : 0;
        }

        var scenario = Scenarios.FirstOrDefault(s => s.Name == args[0]);
        if (scenario is null)
        {
            Console.Error.WriteLine($"unknown scenario '{args[0]}'");
            PrintScenarios();
            return 2;
        }

        if (args.Skip(1).Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine($"usage: AeorDb.Bench {scenario.Name} [options]\n{scenario.Help}");
            return 0;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Unwind normally so every child process is stopped by its owner.
            e.Cancel = true;
            cancel.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancel.Cancel();
        });

        try
        {
            return await scenario.RunAsync(args[1..], cancel.Token).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}\nusage: AeorDb.Bench {scenario.Name} [options]\n{scenario.Help}");
            return 2;
        }
        catch (BenchException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
        finally
        {
            ChildProcessRegistry.KillAll();
        }
    }

    private static void PrintScenarios()
    {
        Console.WriteLine("usage: AeorDb.Bench <scenario> [options]   (AeorDb.Bench <scenario> --help for options)\nscenarios:");
        foreach (var scenario in Scenarios)
        {
            Console.WriteLine($"  {scenario.Name,-12} {scenario.Summary}");
        }
    }
}
