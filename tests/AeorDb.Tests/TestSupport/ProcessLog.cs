using System.Text;

namespace AeorDb.Tests.TestSupport;

/// <summary>Everything one run of a process wrote to stdout and stderr, in arrival order.</summary>
public sealed class ProcessLog
{
    private readonly List<(bool IsError, string Line)> _lines = [];
    private readonly Lock _gate = new();

    /// <summary>Appends one line; called from the process's output events.</summary>
    public void Add(bool isError, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Add((isError, line));
        }
    }

    /// <summary>The stdout lines so far.</summary>
    public IReadOnlyList<string> Stdout => Select(isError: false);

    /// <summary>The stderr lines so far.</summary>
    public IReadOnlyList<string> Stderr => Select(isError: true);

    /// <summary>All stdout so far as one string.</summary>
    public string StdoutText => string.Join('\n', Stdout);

    /// <summary>All stderr so far as one string.</summary>
    public string StderrText => string.Join('\n', Stderr);

    /// <summary>The last <paramref name="count"/> lines of both streams, for failure messages.</summary>
    public string Tail(int count = 60)
    {
        lock (_gate)
        {
            var text = new StringBuilder();
            foreach (var (isError, line) in _lines.Skip(Math.Max(0, _lines.Count - count)))
            {
                text.Append(isError ? "[err] " : "[out] ").AppendLine(line);
            }

            return text.Length == 0 ? "(no output)" : text.ToString();
        }
    }

    private string[] Select(bool isError)
    {
        lock (_gate)
        {
            return [.. _lines.Where(l => l.IsError == isError).Select(l => l.Line)];
        }
    }
}
