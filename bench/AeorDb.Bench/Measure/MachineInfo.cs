namespace AeorDb.Bench.Measure;

/// <summary>What the numbers were measured on, for the report.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var memory = Field("/proc/meminfo", "MemTotal:");
        var gib = long.TryParse(memory?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], out var kib) ? $"{kib / 1024.0 / 1024.0:0.0} GiB" : "? GiB";
        var cpu = Field("/proc/cpuinfo", "model name")?.TrimStart(':', ' ', '\t') ?? "unknown CPU";
        var kernel = Read("/proc/sys/kernel/osrelease") ?? "?";
        return $"{Environment.ProcessorCount} CPUs ({cpu}), {gib} RAM, Linux {kernel}, .NET {Environment.Version}";
    }

    private static string? Field(string file, string prefix)
    {
        try
        {
            return File.ReadLines(file).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? Read(string file)
    {
        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
