using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AeorDb.Tests.TestSupport;

/// <summary>
/// Launches the real <c>aeordb</c> executable (aeordb.dll, copied into the test output by the Silo project
/// reference) and tracks every process it started so none outlives the test run.
/// </summary>
public static partial class AeorDbProcess
{
    private const int SigTerm = 15;

    private static readonly ConcurrentDictionary<int, Process> Live = new();

    static AeorDbProcess()
    {
        // Last line of defence: a test host that ends while nodes run (crash, Ctrl+C) kills them.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Live.Values)
            {
                TryKill(process);
            }
        };
    }

    /// <summary>The path of aeordb.dll in the test output directory.</summary>
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "aeordb.dll");

    /// <summary>Environment variables cleared for every launch, so the machine's settings cannot change a test's outcome.</summary>
    private static readonly string[] ClearedVariables =
    [
        "AEORDB_AUTH", "AEORDB_ALLOW_UNAUTHENTICATED_PUBLIC_BIND", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS",
        "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT",
    ];

    /// <summary>Starts <c>aeordb</c> with <paramref name="arguments"/>, its output captured into <paramref name="log"/>.</summary>
    /// <param name="arguments">The command line after the executable, e.g. <c>start -D x.aeordb</c>.</param>
    /// <param name="workingDirectory">The working directory; also the process's HOME, so no user identity file leaks in.</param>
    /// <param name="environment">Extra environment variables (a null value removes one).</param>
    /// <param name="log">Receives every stdout and stderr line.</param>
    public static Process Launch(
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment,
        ProcessLog log)
    {
        if (!File.Exists(DllPath))
        {
            throw new FileNotFoundException($"aeordb.dll is not in the test output ({DllPath}); the test project must reference Silo.");
        }

        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in ClearedVariables)
        {
            info.Environment.Remove(name);
        }

        info.Environment["HOME"] = workingDirectory;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // Workstation GC keeps several nodes plus the test host within a small CI machine's memory.
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => log.Add(isError: false, e.Data);
        process.ErrorDataReceived += (_, e) => log.Add(isError: true, e.Data);
        process.Start();
        Live[process.Id] = process;
        process.Exited += (_, _) => Live.TryRemove(process.Id, out _);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Sends SIGTERM, the signal a service manager sends to stop a node gracefully.</summary>
    public static void Terminate(Process process)
    {
        if (!process.HasExited && kill(process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>SIGKILL to the process and anything it started; never throws.</summary>
    public static void TryKill(Process process)
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
        catch (System.ComponentModel.Win32Exception)
        {
            // Already gone, or exiting right now.
        }
    }

    /// <summary>Waits for exit up to <paramref name="timeout"/>; true when the process exited.</summary>
    public static async Task<bool> WaitForExitAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            // Also waits until the redirected streams are drained, so the log is complete afterwards.
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe blocks for one test-only call.
    private static extern int kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
