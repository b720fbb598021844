namespace AeorDb.Silo.CommandLine;

/// <summary>What the command line decided: start with <see cref="Options"/>, or exit with <see cref="ExitCode"/> after printing.</summary>
/// <param name="Options">Set when the node should start.</param>
/// <param name="ExitCode">0 for --version/--help, 2 for bad or unknown flags, 1 for other start errors (CONTRACT §2).</param>
/// <param name="Output">Text for stdout (version, help).</param>
/// <param name="Error">One line for stderr.</param>
internal sealed record CommandLineOutcome(NodeOptions? Options, int ExitCode, string? Output, string? Error)
{
    public static CommandLineOutcome Start(NodeOptions options) => new(options, 0, null, null);

    public static CommandLineOutcome Print(string output) => new(null, 0, output, null);

    public static CommandLineOutcome Usage(string message) => new(null, 2, null, "aeordb: " + message);

    public static CommandLineOutcome Fail(string message) => new(null, 1, null, "aeordb: " + message);
}
