namespace AeorDb.Tests.TestSupport;

/// <summary>A node did not come up; the message carries the tail of its output.</summary>
public sealed class NodeStartException(string reason, ProcessLog log) : Exception($"{reason}\n--- aeordb output (tail) ---\n{log.Tail()}")
{
    /// <summary>True when the output says a port was taken, so a retry on fresh ports may succeed.</summary>
    public bool PortInUse { get; } =
        log.Tail(200).Contains("address already in use", StringComparison.OrdinalIgnoreCase)
        || log.Tail(200).Contains("EADDRINUSE", StringComparison.OrdinalIgnoreCase);

    /// <summary>The process exited during start-up.</summary>
    public static NodeStartException Exited(int exitCode, ProcessLog log) =>
        new($"aeordb exited with code {exitCode} before it was healthy.", log);
}
