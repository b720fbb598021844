namespace AeorDb.Tests.TestSupport;

/// <summary>The outcome of running <c>aeordb</c> to completion.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Log">Its stdout and stderr.</param>
public sealed record CliRun(int ExitCode, ProcessLog Log)
{
    /// <summary>Runs <c>aeordb</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/> and waits for it to exit.</summary>
    /// <exception cref="TimeoutException">The process did not exit in time; it has been killed.</exception>
    public static async Task<CliRun> RunAsync(
        string workingDirectory,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var log = new ProcessLog();
        using var process = AeorDbProcess.Launch(arguments, workingDirectory, environment, log);
        if (!await AeorDbProcess.WaitForExitAsync(process, timeout ?? TimeSpan.FromSeconds(60)))
        {
            AeorDbProcess.TryKill(process);
            await AeorDbProcess.WaitForExitAsync(process, TimeSpan.FromSeconds(10));
            throw new TimeoutException($"aeordb {string.Join(' ', arguments)} did not exit in time.\n{log.Tail()}");
        }

        return new CliRun(process.ExitCode, log);
    }
}
