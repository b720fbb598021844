namespace AeorDb.Bench.Cli;

/// <summary>Bad command line: printed with the scenario's help, exit 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
