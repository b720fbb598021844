using System.Diagnostics;

namespace AeorDb.Tests.TestSupport;

/// <summary>Waits for a condition by polling with a deadline; tests never sleep a fixed time.</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls <paramref name="probe"/> until it returns true or <paramref name="timeout"/> passes.</summary>
    /// <returns>True when the condition held before the deadline.</returns>
    public static async Task<bool> UntilAsync(Func<Task<bool>> probe, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await probe())
            {
                return true;
            }

            if (clock.Elapsed >= timeout)
            {
                return false;
            }

            // Task.Delay here is the poll interval between probes, not a wait for an outcome.
            await Task.Delay(Interval);
        }
    }

    /// <summary>Synchronous-probe overload of <see cref="UntilAsync(Func{Task{bool}}, TimeSpan)"/>.</summary>
    public static Task<bool> UntilAsync(Func<bool> probe, TimeSpan timeout) =>
        UntilAsync(() => Task.FromResult(probe()), timeout);
}
