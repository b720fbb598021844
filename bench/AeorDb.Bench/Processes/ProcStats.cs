using System.Globalization;

namespace AeorDb.Bench.Processes;

/// <summary>Reads /proc: resident memory and CPU time of a process and its direct children (nginx workers).</summary>
internal static class ProcStats
{
    /// <summary>Kernel clock ticks per second for /proc/&lt;pid&gt;/stat times; 100 on every Linux build this runs on.</summary>
    private const double TicksPerSecond = 100.0;

    /// <summary>VmRSS of <paramref name="pid"/> in bytes, or 0 if the process is gone.</summary>
    public static long RssBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }

    /// <summary>Busy and total jiffies of the whole machine (/proc/stat "cpu" line; busy excludes idle and iowait).</summary>
    public static (long Busy, long Total) MachineJiffies()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = fields.Sum();
            return (total - fields[3] - fields[4], total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    /// <summary>The process and its direct children: nginx's master plus its workers, or the silo alone.</summary>
    public static IReadOnlyList<int> Family(int pid)
    {
        var family = new List<int> { pid };
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var candidate) && candidate != pid && ParentOf(candidate) == pid)
            {
                family.Add(candidate);
            }
        }

        return family;
    }

    /// <summary>Sum of VmRSS over <paramref name="pids"/>, bytes.</summary>
    public static long RssBytes(IReadOnlyList<int> pids) => pids.Sum(RssBytes);

    /// <summary>User plus system CPU seconds consumed so far by <paramref name="pids"/>.</summary>
    public static double CpuSeconds(IReadOnlyList<int> pids) => pids.Sum(CpuSeconds);

    private static double CpuSeconds(int pid)
    {
        var fields = StatFields(pid);
        if (fields is null)
        {
            return 0;
        }

        // After the ")" that closes comm: state(3) ppid(4) ... utime(14) stime(15); index 0 here is field 3.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    private static int ParentOf(int pid)
    {
        var fields = StatFields(pid);
        return fields is null ? -1 : int.Parse(fields[1], CultureInfo.InvariantCulture);
    }

    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return stat[(close + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
