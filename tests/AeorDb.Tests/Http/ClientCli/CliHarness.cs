using System.Text.Json;
using AeorDb.Tests.TestSupport;

namespace AeorDb.Tests.Http.ClientCli;

/// <summary>Runs <c>aeordb &lt;client command&gt;</c> against a node, with the key in a file of a temp directory.</summary>
internal sealed class CliHarness(Uri url, string? apiKey) : IDisposable
{
    private readonly TempDirectory _directory = new();

    /// <summary>Runs <paramref name="arguments"/> with <c>--url</c> and, when a key is set, <c>--api-key-file</c>.</summary>
    public Task<CliRun> RunAsync(params string[] arguments) => RunAsync(arguments, environment: null);

    public async Task<CliRun> RunAsync(string[] arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        List<string> all = [.. arguments, "--url", url.ToString().TrimEnd('/')];
        if (apiKey is not null)
        {
            var file = _directory.Combine("key");
            await File.WriteAllTextAsync(file, apiKey + "\n");
            all.AddRange(["--api-key-file", file]);
        }

        var merged = new Dictionary<string, string?> { ["AEORDB_API_KEY"] = null, ["AEORDB_URL"] = null };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            merged[name] = value;
        }

        return await CliRun.RunAsync(_directory.Path, all, merged);
    }

    /// <summary>Runs with <c>--json</c>, asserts exit 0 and parses stdout.</summary>
    public async Task<JsonElement> JsonAsync(params string[] arguments)
    {
        var run = await RunAsync([.. arguments, "--json"]);
        Ok(run);
        using var document = JsonDocument.Parse(run.Log.StdoutText);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts exit 0 and returns stdout.</summary>
    public static string Ok(CliRun run)
    {
        Xunit.Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}\n{run.Log.Tail()}");
        return run.Log.StdoutText;
    }

    /// <summary>Asserts <paramref name="exitCode"/> and one line starting with <c>aeordb:</c> on stderr; returns it.</summary>
    public static string Fails(CliRun run, int exitCode)
    {
        Xunit.Assert.True(run.ExitCode == exitCode, $"exit code {run.ExitCode}, expected {exitCode}\n{run.Log.Tail()}");
        var line = Xunit.Assert.Single(run.Log.StderrText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Xunit.Assert.StartsWith("aeordb: ", line, StringComparison.Ordinal);
        return line;
    }

    public void Dispose() => _directory.Dispose();
}
