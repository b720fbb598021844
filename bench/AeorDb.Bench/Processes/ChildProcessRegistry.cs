using System.Collections.Concurrent;
using System.Diagnostics;

namespace AeorDb.Bench.Processes;

/// <summary>
/// Every process the bench starts, so that a crash, Ctrl+C or SIGTERM still ends them all: the
/// orderly path disposes each child, and the process-exit hook kills whatever is left.
/// </summary>
internal static class ChildProcessRegistry
{
    private static readonly ConcurrentDictionary<int, Process> Live = new();
    private static int _hooked;

    public static void Add(Process process)
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
            AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
        }

        Live[process.Id] = process;
    }

    public static void Remove(Process process) => Live.TryRemove(process.Id, out _);

    /// <summary>Last resort: kill each remaining child (and its descendants) by its own id.</summary>
    public static void KillAll()
    {
        foreach (var (_, process) in Live)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        Live.Clear();
    }
}
