using AeorDb.Silo.CommandLine;
using Xunit;

namespace AeorDb.Tests.Silo;

/// <summary>The resource limit flags: safe defaults, every flag parsed, and a value below a flag's minimum refused as a usage error.</summary>
public sealed class LimitsCommandLineTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("aeordb-cli-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void Limits_NoFlags_SafeDefaults()
    {
        var limits = Start("start").Limits;

        Assert.Equal(new LimitOptions(), limits);
        Assert.Equal(16, limits.MaxEventStreamsPerCaller);
        Assert.Equal(240, limits.MinRequestBodyRate);
        Assert.Equal(100, limits.MaxRequestHeaders);
    }

    [Fact]
    public void Limits_EveryFlag_IsParsed()
    {
        var limits = Start(
            "start", "--max-event-streams-per-caller", "3", "--max-event-streams", "30", "--max-listing-page", "50",
            "--max-permissions-file-bytes", "2048", "--max-glob-alternatives", "8", "--max-glob-expanded-length", "512",
            "--glob-cache-bytes", "65536", "--min-request-body-rate", "0", "--min-request-body-rate-grace-ms", "2500",
            "--max-request-header-bytes", "16384", "--max-request-headers", "20", "--max-peer-diff-bytes", "4096",
            "--max-peer-chunks-bytes", "2097152", "--max-peer-event-frame-bytes", "2048", "--read-cache-bytes", "0",
            "--head-cache-entries", "100").Limits;

        Assert.Equal(
            new LimitOptions
            {
                MaxEventStreamsPerCaller = 3, MaxEventStreams = 30, MaxListingPage = 50, MaxPermissionsFileBytes = 2048,
                MaxGlobAlternatives = 8, MaxGlobExpandedLength = 512, GlobCacheBytes = 65536, MinRequestBodyRate = 0,
                MinRequestBodyRateGrace = TimeSpan.FromMilliseconds(2500), MaxRequestHeaderBytes = 16384, MaxRequestHeaders = 20,
                MaxPeerDiffBytes = 4096, MaxPeerChunksBytes = 2097152, MaxPeerEventFrameBytes = 2048, ReadCacheBytes = 0,
                HeadCacheEntries = 100,
            },
            limits);
    }

    [Theory]
    [InlineData("--max-event-streams-per-caller", "0")]
    [InlineData("--max-listing-page", "-1")]
    [InlineData("--max-request-header-bytes", "10")]
    [InlineData("--max-peer-chunks-bytes", "1000")]
    [InlineData("--read-cache-bytes", "-1")]
    [InlineData("--head-cache-entries", "-1")]
    public void Limits_BelowMinimum_AreUsageErrors(string flag, string value)
    {
        var outcome = Parse("start", flag, value);

        Assert.Null(outcome.Options);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(flag, outcome.Error, StringComparison.Ordinal);
    }

    private NodeOptions Start(params string[] args)
    {
        var outcome = Parse(args);
        Assert.True(outcome.Options is not null, outcome.Error);
        return outcome.Options!;
    }

    private CommandLineOutcome Parse(params string[] args) => AeorDbCommandLine.Parse(args, _ => null, _home, "1.0.0");
}
