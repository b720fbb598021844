using AeorDb.Silo.Cli;
using AeorDb.Silo.CommandLine;
using AeorDb.Silo.Hosting;

namespace AeorDb.Silo;

/// <summary>The <c>aeordb</c> executable: one process hosting the Orleans silo and the HTTP API.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var version = ProductVersion.Current;

        // 0. Client commands (status, peers, sync, conflicts, keys, gc) talk to a running node and exit.
        if (ClientCli.IsClientCommand(args))
        {
            return await ClientCli.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);
        }

        // 1. Command line (flags > config file > defaults; see AeorDbCommandLine).
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var parsed = AeorDbCommandLine.Parse(args, Environment.GetEnvironmentVariable, home, version);
        if (parsed.Options is not { } options)
        {
            return Report(parsed);
        }

        // 2. Everything that can fail before any host exists: TLS files, the database folders.
        if (await NodePreparation.PrepareAsync(options).ConfigureAwait(false) is not { } prepared)
        {
            return 1;
        }

        // 3. Compose the host: logging, Kestrel, node services (the store first: it creates the file), Orleans, the API.
        await using var app = NodeHost.Build(options, prepared, version);

        // 4. Start in order, print the start-up block, run until SIGTERM/SIGINT.
        return await NodeStartup.RunAsync(app, options, version).ConfigureAwait(false);
    }

    private static int Report(CommandLineOutcome outcome)
    {
        if (outcome.Output is not null)
        {
            Console.Out.WriteLine(outcome.Output);
        }

        if (outcome.Error is not null)
        {
            Console.Error.WriteLine(outcome.Error);
        }

        return outcome.ExitCode;
    }
}
