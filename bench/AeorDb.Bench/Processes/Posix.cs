using System.Runtime.InteropServices;

namespace AeorDb.Bench.Processes;

/// <summary>The few libc calls .NET does not expose: a graceful signal and the effective user id.</summary>
internal static class Posix
{
    /// <summary>SIGTERM: nginx and the silo both shut down cleanly on it.</summary>
    public const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int KillNative(int pid, int signal);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEuidNative();

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when it could not be sent.</summary>
    public static bool Signal(int pid, int signal) => OperatingSystem.IsLinux() && KillNative(pid, signal) == 0;

    /// <summary>True when running as root (nginx then needs an explicit <c>user root;</c> to write its temp dirs).</summary>
    public static bool IsRoot => OperatingSystem.IsLinux() && GetEuidNative() == 0;
}
