using System.Net;

namespace AeorDb.Silo.Cli;

/// <summary>Ends a client command with <see cref="ExitCode"/> and one line on stderr.</summary>
internal sealed class CliException(int exitCode, string message, HttpStatusCode? status = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>The node's HTTP status when the node answered the failure.</summary>
    public HttpStatusCode? Status { get; } = status;

    public static CliException Usage(string message) => new(CliExitCodes.Usage, message);
}
