using System.Diagnostics;

namespace AeorDb.Bench.Processes;

/// <summary>
/// A server process the bench owns: output is drained continuously (a full pipe would stall the
/// server mid-benchmark) and kept as a short tail for diagnostics; disposal stops it with SIGTERM,
/// then kills its process tree if it lingers.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int TailLines = 200;
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly List<Func<string, bool>> _watchers = [];
    private readonly Lock _gate = new();

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>Short label used in messages ("nginx", "aeordb").</summary>
    public string Name { get; }

    /// <summary>The operating-system process id.</summary>
    public int Pid => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>, output redirected.</summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string name, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        if (!process.Start())
        {
            throw new BenchException($"could not start {fileName}");
        }

        ChildProcessRegistry.Add(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the first output line matching <paramref name="match"/> (seen before or after the call).</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var seen = _tail.FirstOrDefault(match);
            if (seen is not null)
            {
                return seen;
            }

            _watchers.Add(line =>
            {
                if (!match(line))
                {
                    return false;
                }

                found.TrySetResult(line);
                return true;
            });
        }

        var deadline = DateTime.UtcNow + timeout;
        while (!found.Task.IsCompleted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                // Let the output readers flush the final lines before giving up.
                _process.WaitForExit();
                if (found.Task.IsCompleted)
                {
                    break;
                }

                throw new BenchException($"{Name} exited with code {_process.ExitCode} before it was ready:\n{Tail()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new BenchException($"{Name} did not print the expected line within {timeout.TotalSeconds:0} s:\n{Tail()}");
            }

            await Task.WhenAny(found.Task, Task.Delay(50, cancellationToken)).ConfigureAwait(false);
        }

        return await found.Task.ConfigureAwait(false);
    }

    /// <summary>The last lines of output, for error messages.</summary>
    public string Tail()
    {
        lock (_gate)
        {
            return string.Join('\n', _tail);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                Posix.Signal(_process.Id, Posix.SigTerm);
                using var grace = new CancellationTokenSource(GracefulStop);
                try
                {
                    await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        finally
        {
            ChildProcessRegistry.Remove(_process);
            _process.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }

            _watchers.RemoveAll(watch => watch(line));
        }
    }
}
