using System.CommandLine;
using System.CommandLine.Help;

namespace AeorDb.Silo.Cli;

/// <summary>
/// The client commands of the <c>aeordb</c> binary (like <c>syncthing cli</c>): they talk to a running node's HTTP
/// API at <c>--url</c>, authenticated with the API key in <c>--api-key-file</c> or <c>$AEORDB_API_KEY</c> (exchanged
/// for a JWT), and print tables, or the node's JSON with <c>--json</c>. Exit codes: <see cref="CliExitCodes"/>.
/// </summary>
internal static partial class ClientCli
{
    /// <summary>Env var holding the API key when <c>--api-key-file</c> is absent.</summary>
    public const string ApiKeyVariable = "AEORDB_API_KEY";

    /// <summary>Env var holding the node URL when <c>--url</c> is absent.</summary>
    public const string UrlVariable = "AEORDB_URL";

    /// <summary>True when <paramref name="args"/> names a client command rather than <c>start</c>.</summary>
    public static bool IsClientCommand(IReadOnlyList<string> args) =>
        args.Count > 0 && Symbols.CommandNames.Contains(args[0], StringComparer.Ordinal);

    /// <summary>The client commands, for the help listing of <c>aeordb --help</c>.</summary>
    public static IEnumerable<Command> HelpCommands() => new Symbols(_ => null).Commands;

    /// <summary>Runs one client command to completion and returns its exit code.</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, Func<string, string?> environment, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var symbols = new Symbols(environment);
        var root = new RootCommand("AeorDB client commands");
        foreach (var command in symbols.Commands)
        {
            root.Subcommands.Add(command);
        }

        var result = root.Parse(args);
        if (result.Action is HelpAction help)
        {
            result.InvocationConfiguration.Output = output;
            help.Invoke(result);
            return CliExitCodes.Ok;
        }

        var commandName = NameOf(result.CommandResult);
        if (result.Errors.Count > 0)
        {
            return Fail(error, CliExitCodes.Usage, $"{OneLine(result.Errors[0].Message)} (see 'aeordb {commandName} --help')");
        }

        if (!symbols.Handlers.TryGetValue(result.CommandResult.Command, out var handler))
        {
            return Fail(error, CliExitCodes.Usage, $"missing subcommand (see 'aeordb {commandName} --help')");
        }

        try
        {
            using var node = symbols.Connect(result);
            await handler(new CliContext(node, result, result.GetValue(symbols.Json), output), cancellationToken).ConfigureAwait(false);
            return CliExitCodes.Ok;
        }
        catch (CliException exception)
        {
            return Fail(error, exception.ExitCode, exception.Message);
        }
    }

    private static int Fail(TextWriter error, int exitCode, string message)
    {
        error.WriteLine("aeordb: " + message);
        return exitCode;
    }

    /// <summary>The command's words after <c>aeordb</c>, e.g. <c>peers add</c>.</summary>
    private static string NameOf(System.CommandLine.Parsing.CommandResult command)
    {
        var names = new List<string>();
        for (var current = command; current is not null && current.Command is not RootCommand; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, current.Command.Name);
        }

        return string.Join(' ', names);
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
