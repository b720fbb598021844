using System.Diagnostics;
using AeorDb.Bench.Processes;

namespace AeorDb.Bench.Measure;

/// <summary>
/// Wall time plus CPU time of this client, of the server and of the whole machine, so a report shows
/// whether the client was the limit (client cores near the machine's count) and how much of the
/// machine other work took meanwhile (the machine is shared).
/// </summary>
internal readonly record struct CpuClock(long WallTicks, TimeSpan Client, double ServerSeconds, (long Busy, long Total) Machine, IReadOnlyList<int> ServerPids)
{
    public static CpuClock Start(IReadOnlyList<int> serverPids) =>
        new(Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime, ProcStats.CpuSeconds(serverPids), ProcStats.MachineJiffies(), serverPids);

    /// <summary>Elapsed wall time and the average cores used by client, server and everything else since <see cref="Start"/>.</summary>
    public CpuSpan Stop()
    {
        var wall = Stopwatch.GetElapsedTime(WallTicks);
        var client = (Environment.CpuUsage.TotalTime - Client).TotalSeconds;
        var server = ProcStats.CpuSeconds(ServerPids) - ServerSeconds;
        var machine = ProcStats.MachineJiffies();
        var total = machine.Total - Machine.Total;
        var busy = total > 0 ? (double)(machine.Busy - Machine.Busy) / total * Environment.ProcessorCount : 0;
        var seconds = Math.Max(wall.TotalSeconds, 1e-9);
        var clientCores = client / seconds;
        var serverCores = server / seconds;
        return new CpuSpan(wall, clientCores, serverCores, Math.Max(0, busy - clientCores - serverCores));
    }
}

/// <summary>A measured interval: wall time and average cores busy on the client, the server and the rest of the machine.</summary>
internal readonly record struct CpuSpan(TimeSpan Wall, double ClientCores, double ServerCores, double OtherCores);
