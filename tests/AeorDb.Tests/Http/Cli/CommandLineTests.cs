using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Cli;

/// <summary>CONTRACT §2 exit codes: 2 for bad flags, 0 for --version, 1 for other start errors.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Start_UnknownFlag_ExitsTwoWithUsageOnStderr()
    {
        var run = await RunStartAsync(["--no-such-flag"]);

        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}\n{run.Log.Tail()}");
        Assert.NotEmpty(run.Log.StderrText.Trim());
    }

    [Fact]
    public async Task Start_UnknownAuthMode_ExitsTwo()
    {
        var run = await RunStartAsync(["--auth", "bogus-mode"]);

        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}\n{run.Log.Tail()}");
    }

    [Fact]
    public async Task Start_PortNotANumber_ExitsTwo()
    {
        var run = await CliRun.RunAsync(_directory.Path, ["start", "-D", _directory.Combine("n.aeordb"), "--port", "not-a-port"]);

        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}\n{run.Log.Tail()}");
    }

    [Fact]
    public async Task Version_Flag_ExitsZeroAndPrintsVersion()
    {
        var run = await CliRun.RunAsync(_directory.Path, ["--version"]);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}\n{run.Log.Tail()}");
        Assert.Matches(@"\d+\.\d+\.\d+", run.Log.StdoutText);
    }

    [Fact]
    public async Task Start_HostNotAnIpLiteral_ExitsOne()
    {
        var run = await RunStartAsync(["--host", "localhost"], host: null);

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}\n{run.Log.Tail()}");
    }

    [Fact]
    public async Task Start_AuthDisabledOnPublicHost_ExitsOne()
    {
        var run = await RunStartAsync(["--auth", "disabled", "--host", "0.0.0.0"], host: null);

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}\n{run.Log.Tail()}");
    }

    [Fact]
    public async Task Start_TlsCertWithoutKey_ExitsOne()
    {
        var run = await RunStartAsync(["--tls-cert", _directory.Combine("cert.pem")]);

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}\n{run.Log.Tail()}");
    }

    [Fact]
    public async Task Start_JoinWithoutJoinToken_ExitsOne()
    {
        var run = await RunStartAsync(["--join", "http://127.0.0.1:1"]);

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}\n{run.Log.Tail()}");
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>
    /// Runs <c>aeordb start</c> on fresh ports and a temp database, so a binary that wrongly starts
    /// collides with nothing (it is killed at the deadline and the test fails).
    /// </summary>
    private Task<CliRun> RunStartAsync(string[] extra, string? host = "127.0.0.1")
    {
        List<string> arguments =
        [
            "start", "-D", _directory.Combine($"{Guid.NewGuid():N}.aeordb"), "--port", FreePort.Next().ToString(),
            "--silo-port", FreePort.Next().ToString(), "--gateway-port", FreePort.Next().ToString(),
        ];
        if (host is not null)
        {
            arguments.AddRange(["--host", host]);
        }

        arguments.AddRange(extra);
        return CliRun.RunAsync(_directory.Path, arguments, timeout: TimeSpan.FromSeconds(45));
    }
}
