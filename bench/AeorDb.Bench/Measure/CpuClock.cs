using System.Diagnostics;
using AeorDb.Bench.Processes;

namespace AeorDb.Bench.Measure;

/// <summary>
/// Wall time plus CPU time of this client and of the server, so a report can show whether the client
/// (rather than the server) was the limit: client cores near the machine's count means it was.
/// </summary>
internal readonly record struct CpuClock(long WallTicks, TimeSpan Client, double ServerSeconds, IReadOnlyList<int> ServerPids)
{
    public static CpuClock Start(IReadOnlyList<int> serverPids) =>
        new(Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime, ProcStats.CpuSeconds(serverPids), serverPids);

    /// <summary>Elapsed wall time and the average cores used by client and server since <see cref="Start"/>.</summary>
    public CpuSpan Stop()
    {
        var wall = Stopwatch.GetElapsedTime(WallTicks);
        var client = (Environment.CpuUsage.TotalTime - Client).TotalSeconds;
        var server = ProcStats.CpuSeconds(ServerPids) - ServerSeconds;
        var seconds = Math.Max(wall.TotalSeconds, 1e-9);
        return new CpuSpan(wall, client / seconds, server / seconds);
    }
}

/// <summary>A measured interval: wall time and average cores busy on the client and on the server.</summary>
internal readonly record struct CpuSpan(TimeSpan Wall, double ClientCores, double ServerCores);
